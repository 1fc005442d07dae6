import { buildWidget, widgetIsStale } from "@atende/widget/build";

/** Builds the chat widget once before the test files start, so that parallel apps never build it at the same time. */
export default async function setup(): Promise<void> {
  if (widgetIsStale()) await buildWidget();
}
