import { aliasedTable, and, desc, eq, gt, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import { PgDialect } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import { contacts, conversations, conversationTags, messages } from "./schema/index.js";
import { withStatementText } from "./statement-text.js";

const drizzles = new PgDialect();
const ours = withStatementText(new PgDialect());
const at = new Date("2026-12-04T10:00:00.000Z");

/** Statements of every kind of chunk the application writes, and some it does not. */
const statements: Record<string, () => SQL> = {
  "text and values": () => sql`SELECT ${1}, ${"a'b"}, ${true}, ${null}, ${10n}, ${at}`,
  "nested, joined, identifiers": () =>
    sql`WITH ${sql.identifier("x")} AS (${sql`SELECT ${sql.join([sql`${1}`, sql`${"two"}`, sql.raw("3")], sql`, `)}`}) SELECT * FROM ${sql.identifier('we"ird')}`,
  "a list of values in parentheses": () => sql`SELECT 1 WHERE id IN ${["a", "b", at]} AND n = ANY(${sql.param([1, 2])})`,
  "an undefined and an empty part": () => sql`SELECT 1${undefined}${sql.empty()} WHERE true`,
  "params with their columns' encoders": () => sql`SELECT ${sql.param(at, conversations.lastActivityAt)}, ${sql.param({ a: [1] }, contacts.customAttributes)}`,
  "columns and tables": () => sql`SELECT ${conversations.id}, ${messages.body} FROM ${conversations} JOIN ${messages} ON true`,
  "an aliased table and its columns": () => {
    const other = aliasedTable(conversations, "other");
    return sql`SELECT ${other.id} FROM ${other}`;
  },
  "placeholders": () => sql`SELECT ${sql.placeholder("a")}, ${sql.param(sql.placeholder("b"))}`,
  "inlined values throughout": () => sql`SELECT ${"it's"}, ${sql`${3}`}`.inlineParams(),
  "inlined values inside": () => sql`SELECT ${sql`${"it's"}, ${3}`.inlineParams()}, ${4}`,
  "an object as a value": () => sql`SELECT ${{ a: 1 }}::jsonb, ${Buffer.from("x")}`,
  "a select built by drizzle": () =>
    drizzle.mock().select({ id: conversations.id, n: sql<number>`count(*)` }).from(conversations)
      .leftJoin(conversationTags, eq(conversationTags.conversationId, conversations.id))
      .where(and(eq(conversations.workspaceId, "w"), or(isNull(conversations.assigneeId), inArray(conversations.status, ["open", "pending"])), gt(conversations.lastActivityAt, at)))
      .orderBy(desc(conversations.lastActivityAt)).limit(25).getSQL(),
  "a subquery": () => {
    const recent = drizzle.mock().select({ id: messages.id }).from(messages).where(gt(messages.createdAt, at)).as("recent");
    return drizzle.mock().select().from(recent).getSQL();
  },
  "an insert and an update built by drizzle": () =>
    sql`${drizzle.mock().insert(contacts).values({ id: "i", workspaceId: "w", name: "Ana", customAttributes: { vip: true } }).returning({ id: contacts.id }).getSQL()}; ${drizzle
      .mock().update(conversations).set({ lastActivityAt: at, subject: null }).where(eq(conversations.id, "c")).getSQL()}`,
};

describe("a statement's text", () => {
  for (const [name, build] of Object.entries(statements)) {
    it(`is drizzle's own: ${name}`, () => {
      // One statement for both (building turns a column's default, such as the time, into a value each time).
      const statement = build();
      const mine = ours.sqlToQuery(statement);
      const theirs = drizzles.sqlToQuery(statement);
      expect(mine.sql).toBe(theirs.sql);
      expect(mine.params).toEqual(theirs.params);
    });
  }

  it("numbers the values after a part drizzle wrote", () => {
    const { sql: text, params } = ours.sqlToQuery(sql`SELECT ${1}, ${sql`${"x"}`.inlineParams()}, ${sql.placeholder("p")}, ${2}`);
    expect(text).toBe("SELECT $1, 'x', $2, $3");
    expect(params.slice(0, 1)).toEqual([1]);
    expect(params[2]).toBe(2);
  });
});
