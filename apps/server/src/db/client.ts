import { PGlite } from "@electric-sql/pglite";
import { btree_gin } from "@electric-sql/pglite/contrib/btree_gin";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import { drizzle as drizzleNodePg, type NodePgDatabase } from "drizzle-orm/node-postgres";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite, type PgliteDatabase } from "drizzle-orm/pglite";
import pg from "pg";
import * as schema from "./schema/index.js";

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Either the database or a transaction: queries take this so callers decide the transaction. */
export type Executor = Database | Tx;

/** An open database: `db` for the application, the driver-typed instance for its migrator. */
export type DatabaseHandle =
  | { kind: "pglite"; db: Database; driver: PgliteDatabase<Schema>; pglite: PGlite; close: () => Promise<void> }
  | { kind: "postgres"; db: Database; driver: NodePgDatabase<Schema>; pool: pg.Pool; close: () => Promise<void> };

const pgliteExtensions = { unaccent, pg_trgm, btree_gin };

/**
 * PGlite's default 128 MB of shared buffers live inside the process; 32 MB keeps an embedded
 * server well under 400 MB RSS (the operating system still caches the data files).
 */
const PGLITE_CONF = ["shared_buffers=32MB"];

/** Opens an embedded PGlite database; without a directory it lives in memory (tests). */
export async function openPglite(dataDir?: string): Promise<DatabaseHandle> {
  const pglite = new PGlite({ ...(dataDir ? { dataDir } : {}), extensions: pgliteExtensions, postgresqlconf: PGLITE_CONF });
  await pglite.waitReady;
  const db = drizzlePglite({ client: pglite, schema });
  return { kind: "pglite", db, driver: db, pglite, close: () => pglite.close() };
}

/** Connects to a PostgreSQL server and checks that it answers, so a wrong URL fails at once. */
export async function openPostgres(url: string, poolSize: number): Promise<DatabaseHandle> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 5000 });
  pool.on("error", () => {
    // An idle client lost its connection; the pool replaces it. Queries in flight report their own error.
  });
  try {
    const client = await pool.connect();
    client.release();
  } catch (err) {
    await pool.end();
    throw err;
  }
  const db = drizzleNodePg({ client: pool, schema });
  return { kind: "postgres", db, driver: db, pool, close: () => pool.end() };
}
