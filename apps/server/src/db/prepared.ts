import type { SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { DatabaseHandle } from "./client.js";
import { rowsOf } from "./rows.js";
import { withStatementText } from "./statement-text.js";

/** Runs one statement outside any transaction and returns its rows. */
export type StatementRunner = <T>(statement: SQL) => Promise<T[]>;

const dialect = withStatementText(new PgDialect());

/**
 * Runs a statement on the pool with pg's own value parsing (timestamps as dates); on PostgreSQL the
 * connection prepares it (see SessionClient in client.ts).
 */
export function statementRunner(handle: DatabaseHandle): StatementRunner {
  if (handle.kind === "pglite") {
    return async <T>(statement: SQL) => rowsOf<T>(await handle.db.execute(statement));
  }
  const { pool } = handle;
  return async <T>(statement: SQL) => {
    const query = dialect.sqlToQuery(statement);
    const result = await pool.query({ text: query.sql, values: query.params });
    return result.rows as T[]; // pg types rows loosely; the caller names their shape
  };
}
