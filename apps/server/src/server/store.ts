import { join, resolve } from "node:path";
import type { FastifyBaseLogger } from "fastify";
import type { Config } from "../config.js";
import { openPglite, openPostgres, type DatabaseHandle } from "../db/client.js";
import { lockDataDir } from "../db/data-dir-lock.js";
import { runMigrations } from "../db/migrate.js";

export type Store = { handle: DatabaseHandle; close: () => Promise<void> };

/**
 * Opens the configured database and brings its schema up to date: PostgreSQL when DATABASE_URL is
 * set, otherwise the embedded PGlite in DATA_DIR, locked against a second process.
 */
export async function openStore(config: Config, log?: FastifyBaseLogger): Promise<Store> {
  if (config.databaseUrl) {
    const handle = await openPostgres(config.databaseUrl, config.databasePoolSize, (err) => {
      log?.warn({ err, module: "db" }, "a database connection broke; the pool replaces it");
    });
    await runMigrations(handle);
    return { handle, close: handle.close };
  }
  const release = lockDataDir(config.dataDir);
  try {
    const handle = await openPglite(join(resolve(config.dataDir), "pgdata"));
    await runMigrations(handle);
    return {
      handle,
      close: async () => {
        await handle.close();
        release();
      },
    };
  } catch (err) {
    release();
    throw err;
  }
}
