/** The driver's error behind one drizzle may have wrapped (as `cause`). */
function driverError(err: unknown): { code?: unknown; message?: unknown; detail?: unknown } | null {
  let current: unknown = err;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    if ("code" in current) return current;
    current = current.cause;
  }
  return typeof current === "object" && current !== null ? (current) : null;
}

/** PostgreSQL's unique_violation, whichever driver raised it. */
export function isUniqueViolation(err: unknown): boolean {
  return sqlState(err) === "23505";
}

/**
 * A row written refers to one that is not there (PostgreSQL's foreign_key_violation, 23503), as
 * the column that refers (its own, not the workspace's) and the table it names: `missing` when the
 * row referred to was deleted meanwhile, else the row written is still referred to (a delete refused).
 */
export function foreignKeyViolation(err: unknown): { column: string; table: string; missing: boolean } | null {
  if (sqlState(err) !== "23503") return null;
  // Key (workspace_id, team_id)=(…) is not present in table "team". / … is still referenced from table "conversation".
  const detail = driverError(err)?.detail;
  const text = typeof detail === "string" ? detail : "";
  const columns = /^Key \(([^)]*)\)/.exec(text)?.[1]?.split(", ") ?? [];
  return {
    column: columns.filter((c) => c !== "workspace_id").at(-1) ?? columns[0] ?? "id",
    table: /table "([^"]*)"/.exec(text)?.[1] ?? "row",
    missing: text.includes("is not present"),
  };
}

/**
 * The write met another made at the same moment (a row it checked was deleted, or one it would
 * create was created): nothing committed, and running it again sees the other's result.
 */
export function racedWithAnotherWrite(err: unknown): boolean {
  return isUniqueViolation(err) || foreignKeyViolation(err)?.missing === true;
}

/** The server ended the session before the statement could finish: its transaction did not commit. */
const TERMINATED = new Set(["57P01", "57P02", "57P03"]);
/** The database broke off the transaction to let another through (a deadlock, a serialization failure): nothing committed, and running it again may well succeed. */
const ABORTED = new Set(["40001", "40P01"]);
/** The connection failed or was never made: whether a commit in flight took effect is unknown. */
const LOST = new Set(["08000", "08001", "08003", "08004", "08006", "ECONNRESET", "ECONNREFUSED", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH"]);
const LOST_MESSAGES = /Connection terminated|not queryable|Connection ended|timeout exceeded when trying to connect|PGlite is closed/i;
/**
 * The database cannot do anything just now, whatever is asked: SQLSTATE classes 53 (insufficient
 * resources such as a full disk or too many connections) and 58 (system errors such as I/O).
 */
const UNABLE_CLASSES = new Set(["53", "58"]);

/**
 * How a database failure bears on retrying: `terminated` (the server ended the session or broke off
 * the transaction: nothing committed, safe to run again), `lost` (the connection broke: a commit in
 * flight may or may not have happened), or null for every other error (the statement's own fault).
 */
export function connectionFailure(err: unknown): "terminated" | "lost" | null {
  const code = sqlState(err);
  if (TERMINATED.has(code) || ABORTED.has(code)) return "terminated";
  if (LOST.has(code)) return "lost";
  return causes(err).some((e) => LOST_MESSAGES.test(e.message)) ? "lost" : null;
}

/**
 * A failure of the database rather than of what was asked of it: the connection (see
 * `connectionFailure`), its resources or the engine itself. Such a request is answered 503 and a
 * received message 451 (try again later), never judged by it.
 */
export function databaseFailure(err: unknown): boolean {
  if (UNABLE_CLASSES.has(sqlState(err).slice(0, 2)) || connectionFailure(err)) return true;
  return causes(err).some((e) => e.name === "RuntimeError"); // WebAssembly.RuntimeError: the embedded engine trapped
}

/** The driver's error code (a SQLSTATE, or a socket's code), or "" when there is none. */
function sqlState(err: unknown): string {
  const code = driverError(err)?.code;
  return typeof code === "string" ? code : "";
}

/** An error and those it was caused by (drizzle wraps the driver's, which may wrap the socket's). */
function causes(err: unknown): Error[] {
  const chain: Error[] = [];
  for (let current = err; current instanceof Error && chain.length < 5; current = current.cause) chain.push(current);
  return chain;
}
