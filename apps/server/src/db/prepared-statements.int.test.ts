import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "./rows.js";
import { TEST_ENGINE } from "../test/database.js";
import { buildTestApp, type TestApp } from "../test/test-app.js";

let t: TestApp;

describe("statements kept prepared on the database's connection", () => {
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it("a statement with parameters is parsed once and kept, and answers each call with that call's values", async () => {
    const marker = `kept-${String(Date.now())}`;
    // One transaction: one connection, whose kept statements pg_prepared_statements lists.
    const [answers, kept] = await t.handle.transaction(async (tx) => {
      const seen = [];
      for (const n of [1, 2, 3]) seen.push(rowsOf<{ n: number; marker: string }>(await tx.execute(sql`SELECT ${n}::int + 1 AS n, ${marker}::text AS marker`))[0]);
      const statements = rowsOf<{ statement: string }>(
        await tx.execute(sql`SELECT statement FROM pg_prepared_statements WHERE statement LIKE ${"%AS marker%"} AND statement NOT LIKE ${"%pg_prepared_statements%"}`),
      );
      return [seen, statements] as const;
    });
    expect(answers).toEqual([2, 3, 4].map((n) => ({ n, marker })));
    expect(kept).toHaveLength(1);
  });

  it("passes and reads back every kind of value the application stores", async () => {
    const at = new Date("2026-12-03T10:11:12.345Z");
    const row = rowsOf<{ at: Date | string; doc: unknown; tags: string[]; yes: boolean; none: string | null; big: string }>(
      await t.handle.db.execute(
        sql`SELECT ${at.toISOString()}::timestamptz AS at, ${JSON.stringify({ a: [1, "ç"] })}::jsonb AS doc, ${sql.param(["x", "y,z"])}::text[] AS tags,
          ${true}::boolean AS yes, ${null}::text AS none, ${"9007199254740993"}::bigint::text AS big`,
      ),
    )[0];
    expect(new Date(row?.at ?? "").toISOString()).toBe(at.toISOString());
    expect(row).toMatchObject({ doc: { a: [1, "ç"] }, tags: ["x", "y,z"], yes: true, none: null, big: "9007199254740993" });
  });

  it("a statement that fails inside a transaction rolls it back with its own error, and the next statements run", async () => {
    await t.handle.db.execute(sql`CREATE TABLE IF NOT EXISTS prepared_probe (id int PRIMARY KEY, note text)`);
    const insert = (id: number, note: string) => sql`INSERT INTO prepared_probe (id, note) VALUES (${id}, ${note})`;
    await t.handle.db.execute(insert(1, "first"));
    const failed = await t.handle
      .transaction(async (tx) => {
        await tx.execute(insert(2, "second"));
        await tx.execute(insert(1, "again"));
      })
      .catch((err: unknown) => err);
    const cause = (failed as { cause?: { code?: string } }).cause ?? failed;
    expect((cause as { code?: string }).code).toBe("23505");
    const notes = rowsOf<{ note: string }>(await t.handle.db.execute(sql`SELECT note FROM prepared_probe WHERE id > ${0} ORDER BY id`));
    expect(notes.map((n) => n.note)).toEqual(["first"]);
  });

  it.runIf(TEST_ENGINE === "pglite")("a kept statement whose table changed its columns answers with the new ones", async () => {
    await t.handle.db.execute(sql`CREATE TABLE changing_probe (id int)`);
    await t.handle.db.execute(sql`INSERT INTO changing_probe VALUES (1)`);
    const read = async () => rowsOf<Record<string, unknown>>(await t.handle.db.execute(sql`SELECT * FROM changing_probe WHERE id = ${1}`))[0];
    expect(await read()).toEqual({ id: 1 });
    await t.handle.db.execute(sql`ALTER TABLE changing_probe ADD COLUMN note text DEFAULT 'added'`);
    expect(await read()).toEqual({ id: 1, note: "added" });
    // Other statements prepared after it, and it again: each under a name of its own, the stale one closed.
    expect(rowsOf<{ n: number }>(await t.handle.db.execute(sql`SELECT ${41}::int + 1 AS n`))[0]).toEqual({ n: 42 });
    expect(await read()).toEqual({ id: 1, note: "added" });
    const kept = rowsOf<{ statement: string }>(
      await t.handle.db.execute(sql`SELECT statement FROM pg_prepared_statements WHERE statement LIKE ${"%FROM changing_probe%"} AND statement NOT LIKE ${"%pg_prepared%"}`),
    );
    expect(kept).toHaveLength(1);
  });

  it.runIf(TEST_ENGINE === "pglite")("inside a transaction, a kept statement whose table was changed elsewhere fails with its own error, and is prepared anew after", async () => {
    if (t.handle.kind !== "pglite") return;
    await t.handle.db.execute(sql`CREATE TABLE elsewhere_probe (id int)`);
    await t.handle.db.execute(sql`INSERT INTO elsewhere_probe VALUES (1)`);
    const read = (db: Pick<typeof t.handle.db, "execute">) => db.execute(sql`SELECT * FROM elsewhere_probe WHERE id = ${1}`).then((r) => rowsOf<Record<string, unknown>>(r)[0]);
    expect(await t.handle.transaction(read)).toEqual({ id: 1 });
    // Changed by another user of the engine (as pg-boss is), which the kept statements never see.
    await t.handle.pglite.exec("ALTER TABLE elsewhere_probe ADD COLUMN note text DEFAULT 'added'");
    const failed = await t.handle.transaction(read).catch((err: unknown) => err);
    expect(((failed as { cause?: { code?: string } }).cause ?? failed) as { code?: string }).toMatchObject({ code: "0A000" });
    expect(await t.handle.transaction(read)).toEqual({ id: 1, note: "added" });
  });
});
