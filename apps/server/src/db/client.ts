import { createHash } from "node:crypto";
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
import { withPreparedStatements } from "./pglite-prepared.js";
import { drizzleWithStatementText } from "./statement-text.js";
import { connectionFailure } from "../lib/db-errors.js";

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Either the database or a transaction: queries take this so callers decide the transaction. */
export type Executor = Database | Tx;

/** Runs work in one transaction: committed when it resolves, rolled back when it throws. */
export type Transact = <T>(work: (tx: Executor) => Promise<T>) => Promise<T>;

/** An open database: `db` for the application, the driver-typed instance for its migrator. */
export type DatabaseHandle =
  | { kind: "pglite"; db: Database; transaction: Transact; driver: PgliteDatabase<Schema>; pglite: PGlite; close: () => Promise<void> }
  | { kind: "postgres"; db: Database; transaction: Transact; driver: NodePgDatabase<Schema>; pool: pg.Pool; close: () => Promise<void> };

const pgliteExtensions = { unaccent, pg_trgm, btree_gin };

/**
 * How alike a short question and an article's title must be (pg_trgm's word similarity) to find
 * the title without a common word. A session setting on both engines, so that the titles' trigram
 * index answers `<%` with it; a session without it (the default 0.6) only finds fewer titles.
 */
export const WORD_SIMILARITY_THRESHOLD = 0.45;

/**
 * PGlite's default 128 MB of shared buffers live inside the process; 32 MB keeps an embedded
 * server well under 400 MB RSS (the operating system still caches the data files).
 */
const PGLITE_CONF = ["shared_buffers=32MB", `pg_trgm.word_similarity_threshold=${String(WORD_SIMILARITY_THRESHOLD)}`];

/**
 * Opens an embedded PGlite database; without a directory it lives in memory (tests), started from
 * `from` (a data directory PGlite dumped) when given, which skips creating a cluster.
 */
export async function openPglite(dataDir?: string, from?: Blob): Promise<DatabaseHandle> {
  const pglite = new PGlite({ ...(dataDir ? { dataDir } : {}), ...(from ? { loadDataDir: from } : {}), extensions: pgliteExtensions, postgresqlconf: PGLITE_CONF });
  await pglite.waitReady;
  const db = drizzleWithStatementText(drizzlePglite({ client: withPreparedStatements(pglite), schema }));
  return { kind: "pglite", db, transaction: (work) => db.transaction(work), driver: db, pglite, close: () => pglite.close() };
}

/** How many distinct statements one connection keeps prepared at most. */
const PREPARED_PER_CONNECTION = 500;

/**
 * Statements with more parameters than this are not kept: such a statement lists rows or ids, its
 * text changes with their number, and each length would keep a plan and its text (the hottest
 * statements, a new conversation and a message, take 75 and 44). Lists use `anyOf` instead.
 */
const PREPARED_MAX_PARAMETERS = 100;

/** A statement's name on the server: the same text is the same prepared statement on every connection. */
const names = new Map<string, string>();
function statementName(text: string): string {
  let name = names.get(text);
  if (name === undefined) {
    name = `atende_${createHash("sha1").update(text).digest("hex").slice(0, 24)}`;
    if (names.size < 5000) names.set(text, name);
  }
  return name;
}

/**
 * A connection whose session settings are made before the pool hands it out (a setting in the
 * startup packet would be refused by a connection pooler such as PgBouncer).
 */
class SessionClient extends pg.Client {
  /** The statements this connection keeps prepared (see `query`). */
  private readonly prepared = new Set<string>();

  /**
   * Runs each statement with parameters as a named prepared statement, parsed and planned once per
   * connection and then only bound and executed: planning the inbox's list query took four times
   * as long as running it, and a third of the database's time for posting a message. The name
   * follows the text, so a statement whose optional parts differ is another one; past
   * PREPARED_PER_CONNECTION distinct texts (a list of a thousand ids each time another length), the
   * rest run unnamed as before. A pooler in front must keep prepared statements (PgBouncer 1.21+
   * with `max_prepared_statements`).
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- pg's query has a dozen overloads; this passes them all through
  override query(...args: any[]): any {
    const [config] = args as [unknown];
    if (typeof config === "object" && config !== null && "text" in config && !("name" in config && config.name)) {
      const { text } = config as { text: string };
      const values = (config as { values?: unknown[] }).values ?? (Array.isArray(args[1]) ? (args[1] as unknown[]) : []);
      const name = values.length > 0 && values.length <= PREPARED_MAX_PARAMETERS ? statementName(text) : undefined;
      if (name && (this.prepared.has(name) || this.prepared.size < PREPARED_PER_CONNECTION)) {
        this.prepared.add(name);
        args[0] = { ...config, name };
      }
    }
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- passed through as given
    return super.query(...(args as [any]));
  }

  override connect(): Promise<pg.Client>;
  override connect(callback: ((err: Error) => void) | ((err: null, c: pg.Client) => void)): void;
  override connect(callback?: ((err: Error) => void) | ((err: null, c: pg.Client) => void)): Promise<pg.Client> | undefined {
    const ready = super.connect().then(async () => {
      await this.query(`SET pg_trgm.word_similarity_threshold = ${String(WORD_SIMILARITY_THRESHOLD)}`);
      return this;
    });
    if (!callback) return ready;
    const done = callback as (err: Error | null, c?: pg.Client) => void; // pg-pool's callback takes either form
    ready.then(
      (client) => {
        done(null, client);
      },
      (err: unknown) => {
        done(err instanceof Error ? err : new Error(String(err)));
      },
    );
    return undefined;
  }
}

/**
 * Connects to a PostgreSQL server and checks that it answers, so a wrong URL fails at once. A
 * connection that breaks (a restart, a failover, a proxy's idle timeout) never ends the process:
 * its client reports to `onError`, the statement in flight fails with its own error, and the pool
 * opens a new connection for the next one.
 */
export async function openPostgres(url: string, poolSize: number, onError: (err: Error) => void = () => undefined): Promise<DatabaseHandle> {
  // Every client listens for its connection's end from the moment it exists: while it is being made
  // ready (its session settings), and while it is checked out, the pool has no listener on it, and a
  // connection lost then (a restart, or the pool's connection timeout under load) must not end the process.
  class ListenedClient extends SessionClient {
    constructor(config?: pg.ClientConfig) {
      super(config);
      this.on("error", onError);
    }
  }
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 5000, Client: ListenedClient });
  // An idle client that lost its connection: the pool drops and replaces it (the client reported it).
  pool.on("error", () => undefined);
  try {
    const client = await pool.connect();
    client.release();
  } catch (err) {
    await pool.end();
    throw err;
  }
  const db = drizzleWithStatementText(drizzleNodePg({ client: pool, schema }));
  return { kind: "postgres", db, transaction: poolTransactions(pool), driver: db, pool, close: () => pool.end() };
}

/**
 * Transactions on a pool's connections that always give their connection back: a broken one to be
 * destroyed (drizzle's own leaks a connection whose BEGIN fails, so that the pool never closes).
 * Each connection keeps one drizzle instance over it.
 */
function poolTransactions(pool: pg.Pool): Transact {
  const instances = new WeakMap<pg.PoolClient, Database>();
  return async (work) => {
    const client = await pool.connect();
    let failure: unknown;
    try {
      let tx = instances.get(client);
      if (!tx) instances.set(client, (tx = drizzleWithStatementText(drizzleNodePg({ client, schema }))));
      await client.query("BEGIN");
      const result = await work(tx);
      await client.query("COMMIT");
      return result;
    } catch (err) {
      failure = err;
      // On a broken connection there is nothing to roll back: the server did when it lost it.
      await client.query("ROLLBACK").catch(() => undefined);
      throw err;
    } finally {
      client.release(connectionFailure(failure) ? (failure as Error) : undefined); // a failure of this kind is an Error
    }
  };
}
