import { Column, Name, Param, Placeholder, SQL, StringChunk, Table, type Query } from "drizzle-orm";
import type { PgDialect } from "drizzle-orm/pg-core";

type BuildConfig = Parameters<SQL["buildQueryFromSourceParams"]>[1];

/** Whether drizzle writes a statement's values into its text (a private flag of its SQL). */
const inlined = (statement: SQL) => (statement as unknown as { shouldInlineParams: boolean }).shouldInlineParams;

/** A column's or table's name as drizzle writes it (no dialect here renames columns): the same every time, so written by drizzle once. */
const names = new WeakMap<Column | Table, string>();

/**
 * Turns a statement into its text and parameters as drizzle's dialect does, only faster. drizzle
 * asks of every chunk, in turn, whether it is each of a dozen kinds (`is()`, which walks the
 * prototype chain of a date or any other object for each kind it tries), and merges one small
 * result per chunk: a sixth of the server's CPU for a new conversation's statement. This writes one
 * text and one list, telling the kinds statements are made of (text, nested statements,
 * identifiers, values, columns, tables) by their classes; any other chunk (a placeholder, a
 * subquery, an alias, a value that is an object other than a date) is handed to drizzle's own
 * builder at the same parameter number, so the result is drizzle's.
 */
function statementText(dialect: PgDialect, casing: BuildConfig["casing"], statement: SQL, invokeSource?: "indexes"): Query {
  let text = "";
  const params: unknown[] = [];
  const escapeName = (name: string) => dialect.escapeName(name);
  const value = (v: unknown) => {
    text += dialect.escapeParam(params.length);
    params.push(v);
  };
  const byDrizzle = (chunk: unknown): string => {
    const config = {
      casing,
      escapeName,
      escapeParam: (n: number) => dialect.escapeParam(n),
      escapeString: (s: string) => dialect.escapeString(s),
      invokeSource,
      paramStartIndex: { value: params.length },
    };
    const built = statement.buildQueryFromSourceParams([chunk as SQL], config); // any chunk drizzle takes
    params.push(...built.params);
    return built.sql;
  };
  const named = (chunk: Column | Table) => {
    let name = names.get(chunk);
    if (name === undefined) names.set(chunk, (name = byDrizzle(chunk)));
    return name;
  };
  const walk = (chunk: unknown): void => {
    if (chunk === undefined) return;
    if (chunk === null || (typeof chunk !== "object" && typeof chunk !== "function")) {
      value(chunk);
    } else if (chunk instanceof StringChunk) {
      for (const part of chunk.value) text += part;
    } else if (chunk instanceof SQL && !inlined(chunk)) {
      for (const inner of chunk.queryChunks) walk(inner);
    } else if (chunk instanceof Param && !(chunk.value instanceof Placeholder)) {
      const mapped: unknown = chunk.value === null ? null : chunk.encoder.mapToDriverValue(chunk.value);
      if (mapped instanceof SQL) walk(mapped);
      else value(mapped);
    } else if (chunk instanceof Date) {
      value(chunk);
    } else if (Array.isArray(chunk)) {
      text += "(";
      chunk.forEach((item, i) => {
        if (i > 0) text += ", ";
        walk(item);
      });
      text += ")";
    } else if (chunk instanceof Name) {
      text += escapeName(chunk.value);
    } else if ((chunk instanceof Column || chunk instanceof Table) && invokeSource === undefined) {
      text += named(chunk);
    } else {
      text += byDrizzle(chunk);
    }
  };
  walk(statement); // a statement whose values are inlined goes to drizzle whole, like any inlined part
  return { sql: text, params };
}

/**
 * Makes a dialect write its statements' text with statementText. Every query of a drizzle instance
 * and of its transactions goes through its dialect.
 */
export function withStatementText(dialect: PgDialect): PgDialect {
  const casing = (dialect as unknown as { casing: BuildConfig["casing"] }).casing; // the dialect's column naming, internal to drizzle
  dialect.sqlToQuery = (statement, invokeSource) => statementText(dialect, casing, statement, invokeSource);
  return dialect;
}

/** A drizzle instance whose dialect (drizzle's own, which it does not let a caller give) writes with statementText. */
export function drizzleWithStatementText<T extends object>(db: T): T {
  withStatementText((db as unknown as { dialect: PgDialect }).dialect); // internal to drizzle, shared with its session and transactions
  return db;
}
