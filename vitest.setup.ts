import { buildIfStale } from "./scripts/build-if-stale.js";

/** Builds the chat widget and the web app once before the test files start, so that parallel apps never build them at the same time. */
export default async function setup(): Promise<void> {
  await buildIfStale();
}
