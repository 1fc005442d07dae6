import { createHash } from "node:crypto";
import type { SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { DatabaseHandle, Executor } from "./client.js";
import { rowsOf } from "./rows.js";

/** Runs one statement outside any transaction and returns its rows. */
export type StatementRunner = <T>(statement: SQL) => Promise<T[]>;

const dialect = new PgDialect();

/** A statement's name on the server: the same text is the same prepared statement on every connection. */
function statementName(text: string): string {
  return `atende_${createHash("sha1").update(text).digest("hex").slice(0, 24)}`;
}

/**
 * On PostgreSQL, runs each distinct statement as a named prepared statement, parsed and planned
 * once per connection (a third of the database's time for posting a message was planning its
 * statement). PGlite runs in-process and gains little; it runs the statement plainly.
 */
export function statementRunner(handle: DatabaseHandle): StatementRunner {
  if (handle.kind === "pglite") {
    return async <T>(statement: SQL) => rowsOf<T>(await handle.db.execute(statement));
  }
  const { pool } = handle;
  return async <T>(statement: SQL) => {
    const query = dialect.sqlToQuery(statement);
    const result = await pool.query({ name: statementName(query.sql), text: query.sql, values: query.params });
    return result.rows as T[]; // pg types rows loosely; the caller names their shape
  };
}

/**
 * Runs one statement inside a transaction, named as above, so that receiving an e-mail (its contact,
 * conversation and message in one transaction) is not planned anew each time either. PGlite's
 * driver ignores the name.
 */
export async function runInTransaction<T>(tx: Executor, statement: SQL): Promise<T[]> {
  const query = dialect.sqlToQuery(statement);
  return rowsOf<T>(await tx._.session.prepareQuery(query, undefined, statementName(query.sql), false).execute());
}
