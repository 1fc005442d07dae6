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

/**
 * A plugin that notes, once a build has made its chunks, the library modules (node_modules) in
 * the chunks the first screen loads: render.tsx's chunk and what it imports statically.
 * @param {Set<string>} found
 * @returns {import("vite").Plugin}
 */
function noteFirstScreenLibraries(found) {
  return {
    name: "atende:first-screen-libraries",
    generateBundle(_options, bundle) {
      const chunk = (/** @type {string} */ file) => {
        const output = bundle[file];
        return output?.type === "chunk" ? output : undefined;
      };
      const render = Object.values(bundle).find((o) => o.type === "chunk" && o.isDynamicEntry && /[\\/]src[\\/]render\.tsx$/.test(o.facadeModuleId ?? ""));
      const todo = render ? [render.fileName] : [];
      const seen = new Set(todo);
      for (let file = todo.pop(); file !== undefined; file = todo.pop()) {
        for (const next of chunk(file)?.imports ?? []) {
          if (!seen.has(next)) {
            seen.add(next);
            todo.push(next);
          }
        }
      }
      for (const file of seen) for (const id of chunk(file)?.moduleIds ?? []) if (/[\\/]node_modules[\\/]/.test(id)) found.add(id);
    },
  };
}

/**
 * One build. With `firstScreen` (the libraries the first screen loads, learned by an earlier
 * build), those go in one chunk of their own.
 * @param {{ firstScreen?: Set<string>, write: boolean }} options
 * @returns {Promise<Set<string>>} the libraries the first screen loads in this build
 */
async function buildOnce({ firstScreen, write }) {
  const found = /** @type {Set<string>} */ (new Set());
  await asProduction(() => build({
    root: here,
    base: "/app/",
    configFile: false,
    logLevel: "warn",
    plugins: [react(), noteFirstScreenLibraries(found)],
    build: {
      outDir: WEB_DIST,
      emptyOutDir: true,
      write,
      reportCompressedSize: false,
      // WEB_SOURCEMAP=1 adds source maps, to read a browser profile of the built app by its sources.
      sourcemap: process.env.WEB_SOURCEMAP === "1",
      chunkSizeWarningLimit: 1024,
      // Libraries in chunks of their own: they change less often than the app, so browsers keep them cached.
      rolldownOptions: {
        output: {
          codeSplitting: {
            groups: [
              { name: "react", test: /[\\/]node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/, priority: 3 },
              // Every other library the first screen loads, in one chunk. Split by which pages loaded on
              // demand share them (as the groups below do), they made a dozen small chunks, each compressed
              // apart, and each new page added more: 12 KB more gzipped on the first load.
              ...(firstScreen ? [{ name: "first", test: (/** @type {string} */ id) => firstScreen.has(id), priority: 2.5 }] : []),
              // entriesAware: what only a page loaded on demand uses (Settings' colour picker…) stays out of the first load.
              { name: "mantine", test: /[\\/]node_modules[\\/](@mantine|@floating-ui|@tabler)[\\/]/, priority: 2, entriesAware: true },
              { name: "vendor", test: /[\\/]node_modules[\\/]/, priority: 1, entriesAware: true },
            ],
          },
        },
      },
    },
  }));
  return found;
}

/**
 * Builds the app twice: the first build (not written) finds which libraries the first screen
 * loads after tree-shaking, which no import graph tells before chunks are made (a library's index
 * imports all its components); the second puts them in one chunk. About 5 s more.
 */
export async function buildWeb() {
  const firstScreen = await buildOnce({ write: false });
  await buildOnce({ firstScreen, write: true });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildWeb();
