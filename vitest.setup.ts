import { buildIfStale } from "./scripts/build-if-stale.js";

/**
 * Once before the test files start: builds the chat widget and the web app (so that parallel apps
 * never build them at the same time), and makes the migrated PGlite every test file's embedded
 * database starts from. Returns what removes it when the run ends.
 */
export default async function setup(): Promise<() => void> {
  await buildIfStale();
  process.env.ATENDE_TEST_RUN = String(process.pid); // the test files (forked after this) find the snapshot by it
  const { writePgliteSnapshot } = await import("./apps/server/src/test/database.js");
  return writePgliteSnapshot();
}
