import { createHash } from "node:crypto";
import type { SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { DatabaseHandle } from "./client.js";
import { rowsOf } from "./rows.js";

/** Runs one statement outside any transaction and returns its rows. */
export type StatementRunner = <T>(statement: SQL) => Promise<T[]>;

const dialect = new PgDialect();

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
    const name = `atende_${createHash("sha1").update(query.sql).digest("hex").slice(0, 24)}`;
    const result = await pool.query({ name, text: query.sql, values: query.params });
    return result.rows as T[]; // pg types rows loosely; the caller names their shape
  };
}
