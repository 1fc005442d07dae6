/** The rows of a raw `execute()` result: node-postgres and PGlite both return `{ rows }`, which drizzle types loosely. */
export function rowsOf<T>(result: unknown): T[] {
  const rows = (result as { rows?: T[] }).rows; // the shape both drivers return
  return rows ?? [];
}
