import { buildWeb, webIsStale } from "@atende/web/build";
import { buildWidget, widgetIsStale } from "@atende/widget/build";

/** Builds the chat widget and the web app once before the test files start, so that parallel apps never build them at the same time. */
export default async function setup(): Promise<void> {
  if (widgetIsStale()) await buildWidget();
  if (webIsStale()) await buildWeb();
}
