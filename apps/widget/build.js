// Builds the chat widget with esbuild: dist/widget.js (the loader a site embeds) and dist/frame.js
// (the panel inside Atende's iframe). `npm start` runs it first when dist is missing or older than src.
import { readdirSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { build } from "esbuild";

const here = fileURLToPath(new URL(".", import.meta.url));
export const WIDGET_DIST = join(here, "dist");
const sources = [join(here, "src"), join(here, "../../locales/en"), join(here, "../../locales/pt-BR"), join(here, "../../locales/cs")];

/** @param {string} dir */
const newest = (dir) => Math.max(...readdirSync(dir).map((f) => statSync(join(dir, f)).mtimeMs));

/** True when dist/ is missing a bundle or older than a source. */
export function widgetIsStale() {
  try {
    const built = Math.min(statSync(join(WIDGET_DIST, "widget.js")).mtimeMs, statSync(join(WIDGET_DIST, "frame.js")).mtimeMs);
    return sources.some((dir) => newest(dir) > built);
  } catch {
    return true;
  }
}

export async function buildWidget() {
  await build({
    entryPoints: { widget: join(here, "src/loader.ts"), frame: join(here, "src/frame.ts") },
    outdir: WIDGET_DIST,
    bundle: true,
    minify: true,
    format: "iife",
    target: "es2020",
    legalComments: "none",
    logLevel: "warning",
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildWidget();
