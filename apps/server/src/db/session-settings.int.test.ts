import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WORD_SIMILARITY_THRESHOLD } from "./client.js";
import { rowsOf } from "./rows.js";
import { buildTestApp, type TestApp } from "../test/test-app.js";

let t: TestApp;

describe("the database session's settings", () => {
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it("every connection has the title search's trigram threshold, the pool's new ones included", async () => {
    // Several statements at once take several of the pool's connections (PGlite has one).
    const seen = await Promise.all(
      Array.from({ length: 6 }, async () =>
        rowsOf<{ v: string }>(await t.handle.db.execute(sql`SELECT current_setting('pg_trgm.word_similarity_threshold') AS v, pg_sleep(0.05)`))[0]?.v,
      ),
    );
    expect(seen).toEqual(Array.from({ length: 6 }, () => String(WORD_SIMILARITY_THRESHOLD)));
  });
});
