import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { migrate as migrateNodePg } from "drizzle-orm/node-postgres/migrator";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import type { DatabaseHandle } from "./client.js";

const migrationsFolder = fileURLToPath(new URL("./migrations", import.meta.url));
/** Any constant: processes starting together against one server take turns migrating. */
const MIGRATION_LOCK = 7_261_350;

/** Applies the committed migrations; safe to run from several processes at once on PostgreSQL. */
export async function runMigrations(handle: DatabaseHandle): Promise<void> {
  if (handle.kind === "pglite") {
    await migratePglite(handle.driver, { migrationsFolder });
    return;
  }
  const client = await handle.pool.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    await migrateNodePg(handle.driver, { migrationsFolder });
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]).catch(() => undefined);
    client.release();
  }
}

/** True when the database answers a trivial query (readiness). */
export async function databaseAnswers(handle: DatabaseHandle): Promise<boolean> {
  try {
    await handle.db.execute(sql`SELECT 1`);
    return true;
  } catch {
    return false;
  }
}
