import { parse, type PGlite, protocol, type QueryOptions, type Results, type Transaction } from "@electric-sql/pglite";

/** How many distinct statements the embedded database keeps prepared at most (as on PostgreSQL). */
const PREPARED_MAX = 500;

/** Statements with more parameters than this list rows or ids and are not kept (as on PostgreSQL). */
const PREPARED_MAX_PARAMETERS = 100;

/** A statement the embedded database keeps parsed and planned, and the types its parameters take. */
interface Prepared {
  name: string;
  parameterTypes: number[];
}

/**
 * Whether a kept statement can no longer run as kept: its tables changed the columns it returns
 * (PostgreSQL's "cached plan must not change result type") or the engine no longer has it.
 */
function lost(err: unknown): boolean {
  const { code, routine } = err as { code?: unknown; routine?: unknown };
  return (code === "0A000" && routine === "RevalidateCachedQuery") || code === "26000";
}

/** A statement that changes what tables are: the statements kept may read them. */
const REDEFINES = /^\s*(?:ALTER|CREATE|DROP)\b/i;

/** Statements run PGlite's own way: without parameters, a list of many, a file, or types of their own. */
const eligible = (params: unknown[], options: QueryOptions | undefined) =>
  params.length > 0 && params.length <= PREPARED_MAX_PARAMETERS && !options?.blob && !options?.paramTypes;

/** The one query function PGlite and its transactions share. */
type Query = <T>(text: string, params?: unknown[], options?: QueryOptions) => Promise<Results<T>>;

function joined(parts: Uint8Array[]): Uint8Array {
  const whole = new Uint8Array(parts.reduce((size, part) => size + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    whole.set(part, offset);
    offset += part.length;
  }
  return whole;
}

/** Adds the statement and its values to an error as PGlite's own query does, for the logs. */
function described(err: unknown, text: string, params: unknown[], options: QueryOptions | undefined): unknown {
  if (err instanceof Error) Object.assign(err, { query: text, params, queryOptions: options });
  return err;
}

/**
 * The embedded database as drizzle is given it, running each statement with parameters as a named
 * prepared statement: parsed, analysed and planned once, then bound and executed in one exchange
 * with the engine. PGlite's own `query` parses and plans the text on every call and crosses into
 * the engine six times (parse, describe, bind, describe, execute, sync); on the inbox list that
 * planning and crossing was as much as running the statement. Everything else is PGlite's own.
 * A statement that redefines tables, run through it, makes it forget what it kept (the app's
 * migrations run before it keeps any; a test's DDL does not).
 */
export function withPreparedStatements(pglite: PGlite): PGlite {
  const prepared = new Map<string, Prepared>();
  let named = 0;

  async function prepare(text: string): Promise<Prepared | undefined> {
    const known = prepared.get(text);
    if (known || prepared.size >= PREPARED_MAX) return known;
    const name = `atende_${String(++named)}`;
    const { serialize } = protocol;
    const answer = await pglite.execProtocolStream(joined([serialize.parse({ name, text }), serialize.describe({ type: "S", name }), serialize.sync()]), {
      syncToFs: false,
    });
    const statement = { name, parameterTypes: parse.parseDescribeStatementResults(answer) };
    prepared.set(text, statement);
    return statement;
  }

  /** Forgets kept statements, here and on the engine (inside PGlite's query lock). */
  async function forget(names: string[]): Promise<void> {
    const { serialize } = protocol;
    if (names.length > 0) await pglite.execProtocolStream(joined([...names.map((name) => serialize.close({ type: "S", name })), serialize.sync()]), { syncToFs: false });
  }

  /** After a statement PGlite ran its own way: one that redefined tables makes every kept statement suspect. */
  async function after(text: string): Promise<void> {
    if (!REDEFINES.test(text) || prepared.size === 0) return;
    const names = [...prepared.values()].map((p) => p.name);
    prepared.clear();
    await pglite._runExclusiveQuery(() => forget(names));
  }

  /**
   * Runs an eligible statement prepared, inside PGlite's query lock; undefined when the cache is
   * full, or when its kept statement was lost and `retry` allows running it anew (outside a
   * transaction: inside one, the failed bind aborted it, and the error is the caller's).
   */
  async function attempt<T>(text: string, params: unknown[], options: QueryOptions | undefined, retry: boolean): Promise<Results<T> | undefined> {
    const { serialize } = protocol;
    const answer = await pglite._runExclusiveQuery(async () => {
      let statement: Prepared | undefined;
      try {
        statement = await prepare(text);
        if (!statement) return undefined;
        const { parameterTypes } = statement;
        const values = params.map((value, index) => {
          if (value === null || value === undefined) return null;
          const type = parameterTypes[index] ?? 0;
          const serializer = options?.serializers?.[type] ?? pglite.serializers[type];
          return serializer ? serializer(value) : (value as { toString(): string }).toString(); // as PGlite does
        });
        return await pglite.execProtocolStream(
          joined([serialize.bind({ statement: statement.name, values }), serialize.describe({ type: "P" }), serialize.execute({}), serialize.sync()]),
          { syncToFs: false, ...(options?.onNotice ? { onNotice: options.onNotice } : {}) },
        );
      } catch (err) {
        if (!statement || !lost(err)) throw described(err, text, params, options);
        // Forgotten here and on the engine: the next call prepares it anew.
        prepared.delete(text);
        await forget([statement.name]);
        if (!retry) throw described(err, text, params, options);
        return undefined;
      }
    });
    if (!answer) return undefined;
    const [result] = parse.parseResults(answer, pglite.parsers, options);
    return result as Results<T>;
  }

  const query: Query = async <T>(text: string, params: unknown[] = [], options?: QueryOptions) => {
    if (eligible(params, options)) {
      await pglite._checkReady();
      const result = await pglite._runExclusiveTransaction(() => attempt<T>(text, params, options, true));
      if (result) {
        await pglite.syncToFs();
        return result;
      }
    }
    const result = await pglite.query<T>(text, params, options);
    await after(text);
    return result;
  };
  const transaction = <T>(work: (tx: Transaction) => Promise<T>): Promise<T> =>
    pglite.transaction((tx) => {
      const inside: Query = async <R>(text: string, params: unknown[] = [], options?: QueryOptions) => {
        if (tx.closed) throw new Error("Transaction is closed");
        const result = eligible(params, options) ? await attempt<R>(text, params, options, false) : undefined;
        if (result) return result;
        const own = await tx.query<R>(text, params, options);
        await after(text);
        return own;
      };
      return work(Object.assign(Object.create(tx) as Transaction, { query: inside }));
    });
  return new Proxy(pglite, {
    get(target, property) {
      if (property === "query") return query;
      if (property === "transaction") return transaction;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
