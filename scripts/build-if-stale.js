// `npm start`'s first step (and the test suite's): builds the chat widget and the web app when their
// dist/ is missing or older than their sources. The server only serves what is built.
import { fileURLToPath } from "node:url";
import { buildWeb, webIsStale } from "@atende/web/build";
import { buildWidget, widgetIsStale } from "@atende/widget/build";

/** Builds the widget, then the web app, each only when it is stale. */
export async function buildIfStale() {
  if (widgetIsStale()) {
    process.stdout.write("Building the chat widget…\n");
    await buildWidget();
  }
  if (webIsStale()) {
    process.stdout.write("Building the web app (once, and after it changes)…\n");
    await buildWeb();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildIfStale();
