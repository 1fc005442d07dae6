// Builds the agents' web app with Vite into dist/ (served at /app by `atende start`; `npm start` runs
// this first when dist is missing or older than the sources).
import { readdirSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import react from "@vitejs/plugin-react";
import { build } from "vite";

const here = fileURLToPath(new URL(".", import.meta.url));
export const WEB_DIST = join(here, "dist");
const sources = [join(here, "src"), join(here, "index.html"), join(here, "build.js"), join(here, "../../locales"), join(here, "../../packages/shared/src")];

/** @param {string} path @returns {number} the newest modification time under path */
function newest(path) {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  return Math.max(info.mtimeMs, ...readdirSync(path).map((f) => newest(join(path, f))));
}

/** True when dist/ is missing or older than a source. */
export function webIsStale() {
  try {
    const built = statSync(join(WEB_DIST, "index.html")).mtimeMs;
    return sources.some((path) => newest(path) > built);
  } catch {
    return true;
  }
}

/**
 * Vite makes a production build (React's, JSX without debugging) only when NODE_ENV says so; the
 * test suite runs with NODE_ENV=test and builds the very app that `atende start` then serves.
 * @param {() => Promise<unknown>} work
 */
async function asProduction(work) {
  const before = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  try {
    await work();
  } finally {
    if (before === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = before;
  }
}

export async function buildWeb() {
  await asProduction(() => build({
    root: here,
    base: "/app/",
    configFile: false,
    logLevel: "warn",
    plugins: [react()],
    build: {
      outDir: WEB_DIST,
      emptyOutDir: true,
      reportCompressedSize: false,
      // WEB_SOURCEMAP=1 adds source maps, to read a browser profile of the built app by its sources.
      sourcemap: process.env.WEB_SOURCEMAP === "1",
      chunkSizeWarningLimit: 1024,
      // Libraries in chunks of their own: they change less often than the app, so browsers keep them cached.
      rolldownOptions: {
        output: {
          codeSplitting: {
            groups: [
              // entriesAware: what only a page loaded on demand uses (Settings' colour picker…) stays out of the first load.
              { name: "react", test: /[\\/]node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/, priority: 3 },
              { name: "mantine", test: /[\\/]node_modules[\\/](@mantine|@floating-ui|@tabler)[\\/]/, priority: 2, entriesAware: true },
              { name: "vendor", test: /[\\/]node_modules[\\/]/, priority: 1, entriesAware: true },
            ],
          },
        },
      },
    },
  }));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildWeb();
