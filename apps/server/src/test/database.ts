import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { openPglite, openPostgres, type DatabaseHandle } from "../db/client.js";
import { runMigrations } from "../db/migrate.js";

/** Which engine the integration suite runs on: vitest sets ATENDE_TEST_DB per project. */
export const TEST_ENGINE = process.env.ATENDE_TEST_DB === "postgres" ? "postgres" : "pglite";

/** Runs one statement on a server (creating and dropping test databases). */
export async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** Where the suite's global setup leaves a migrated PGlite data directory, dumped, for every test file to start from. */
const PGLITE_SNAPSHOT = join(tmpdir(), `atende-test-pglite-${String(process.env.ATENDE_TEST_RUN ?? process.pid)}.tar`);

/**
 * Makes the migrated PGlite that each test file's databases start from (the global setup, once):
 * creating a cluster and migrating it takes seconds, loading the dump a third of one.
 */
export async function writePgliteSnapshot(): Promise<() => void> {
  const handle = await openPglite();
  await runMigrations(handle);
  if (handle.kind !== "pglite") throw new Error("openPglite gave another engine");
  await writeFile(PGLITE_SNAPSHOT, Buffer.from(await (await handle.pglite.dumpDataDir("none")).arrayBuffer()));
  await handle.close();
  return () => {
    rmSync(PGLITE_SNAPSHOT, { force: true });
  };
}

async function pgliteSnapshot(): Promise<Blob | undefined> {
  try {
    return new Blob([await readFile(PGLITE_SNAPSHOT)]);
  } catch {
    return undefined; // a test file run without the global setup: made from scratch
  }
}

/**
 * A fresh, migrated database for one test file: an in-memory PGlite (from the suite's migrated
 * snapshot), or on PostgreSQL a new database created from DATABASE_URL's server and dropped on close.
 */
export async function freshDatabase(): Promise<DatabaseHandle> {
  const serverUrl = process.env.DATABASE_URL;
  if (TEST_ENGINE === "pglite" || !serverUrl) {
    const handle = await openPglite(undefined, await pgliteSnapshot());
    await runMigrations(handle);
    return handle;
  }
  const name = `atende_test_${randomBytes(6).toString("hex")}`;
  await adminQuery(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await openPostgres(url.toString(), 5);
  await runMigrations(handle);
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/**
 * A durable database that can be closed and opened again, as across a restart: a PGlite data
 * directory, or a PostgreSQL database. `open` may be called again after the handle is closed;
 * `destroy` removes it.
 */
export async function reopenableDatabase(): Promise<{ open: () => Promise<DatabaseHandle>; destroy: () => Promise<void> }> {
  const serverUrl = process.env.DATABASE_URL;
  if (TEST_ENGINE === "pglite" || !serverUrl) {
    const dir = mkdtempSync(join(tmpdir(), "atende-restart-"));
    return {
      open: async () => {
        const handle = await openPglite(dir);
        await runMigrations(handle);
        return handle;
      },
      destroy: async () => {
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `atende_test_${randomBytes(6).toString("hex")}`;
  await adminQuery(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    open: async () => {
      const handle = await openPostgres(url.toString(), 5);
      await runMigrations(handle);
      return handle;
    },
    destroy: () => adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
