import { sql, type AnyColumn, type SQL } from "drizzle-orm";

/** The rows of a raw `execute()` result: node-postgres and PGlite both return `{ rows }`, which drizzle types loosely. */
export function rowsOf<T>(result: unknown): T[] {
  const rows = (result as { rows?: T[] }).rows; // the shape both drivers return
  return rows ?? [];
}

/**
 * A page size (a LIMIT or OFFSET) written into the statement instead of passed as a parameter. With `LIMIT $n`,
 * PostgreSQL estimates a prepared statement's generic plan for a tenth of the table, finds it dearer
 * than a plan for the values at hand, and so plans every run again (four times the list's own
 * running time); with the number in the text it keeps one plan. Drizzle's `.limit()` writes an SQL
 * chunk as it is, though it types its argument as a number.
 */
export function pageLimit(size: number): number {
  if (!Number.isSafeInteger(size) || size < 0) throw new Error(`not a page size: ${String(size)}`);
  return sql.raw(String(size)) as unknown as number; // see above: drizzle embeds the chunk
}

/**
 * `column = ANY($1)` for a list of ids: one parameter, so the statement's text, and the plan kept
 * for it, are the same however many ids there are (`inArray` writes one parameter per id).
 */
export function anyOf(column: AnyColumn, ids: readonly string[]): SQL {
  return sql`${column} = ANY(${sql.param(ids)}::uuid[])`;
}
