import { DomainEvent, type ActorType, type AgentRole, type EventOf, type EventPayload, type EventType, type Locale } from "@atende/shared";
import type { Config } from "../config.js";
import { v7 as uuidv7 } from "uuid";
import type { SQL } from "drizzle-orm";
import type { Database, DatabaseHandle, Executor, Transact } from "../db/client.js";
import type { AtendeModule } from "./module.js";
import type { Wired } from "./outbox.js";
import type { StatementRunner } from "../db/prepared.js";
import { rowsOf } from "../db/rows.js";
import { connectionFailure } from "../lib/db-errors.js";
import { eventOutbox, events } from "../db/schema/index.js";
import { applies } from "./listener.js";
import type { AccessEnded, EventBus } from "../events/bus.js";
import type { AnyJob, JobDefinition, JobQueue, Scheduled } from "./jobs.js";
import type { FastifyBaseLogger } from "fastify";
import type { FileStore } from "../files/file-store.js";

/** Who is acting, within which workspace. Agents act through the API; the system acts for jobs. */
export type Actor = {
  workspaceId: string;
  type: ActorType;
  /** The agent's id for agents; null for the system. */
  id: string | null;
  name: string;
  email: string;
  role: AgentRole | null;
  locale: Locale;
};

/** An event a service raises: its type and that type's payload. */
export type NewEvent = { [T in EventType]: { type: T; conversationId?: string | null; payload: EventPayload<T> } }[EventType];

/** What every service function receives: one transaction, the actor, and the ways to record side effects. */
export type Ctx = {
  /** The request's transaction; for reads and single-statement writes, the database itself. */
  tx: Executor;
  actor: Actor;
  config: Config;
  /** Records a domain event in this transaction; listeners hear of it only after commit. */
  emit(event: NewEvent): Promise<void>;
  /** Names an event the caller stored itself, in its own statement, to be published after commit. */
  announce(event: DomainEvent): void;
  /** Whether some listener takes this event: only those are queued in `event_outbox` with it. */
  dispatches: Runtime["dispatches"];
  /** Schedules durable jobs of one kind in this transaction, in one statement: they exist if and only if the change commits. */
  schedule<P>(job: JobDefinition<P>, jobs: readonly Scheduled<P>[]): Promise<void>;
  /** Runs a raw statement in this context (prepared once per connection outside a transaction). */
  run<T>(statement: SQL): Promise<T[]>;
  /** Says, after commit, that credentials stopped working: their sockets close on every node. */
  endAccess(notice: AccessEnded): void;
  /**
   * The same transaction acting as someone else: what a listener (run as the system) does as the
   * virtual attendant is written, timed and raised as the attendant's.
   */
  as(actor: Actor): Ctx;
};

export type Runtime = {
  config: Config;
  db: Database;
  bus: EventBus;
  jobs: JobQueue;
  /** Attachments' bytes, in DATA_DIR/files. */
  files: FileStore;
  log: FastifyBaseLogger;
  /** The modules this server runs, their listeners with the jobs that run them, and every job. */
  spine: { modules: readonly AtendeModule[]; listeners: readonly Wired[]; jobs: readonly AnyJob[] };
  /** Runs `work` in a bare transaction, as nobody: for what crosses workspaces (the outbox). */
  transaction: Transact;
  /**
   * Runs `work` in one transaction as `actor`, then publishes the events it recorded. When the
   * connection breaks before COMMIT, it runs once more on a new one; `repeatable` work (guarded by
   * an Idempotency-Key) also when it broke during COMMIT, when whether it committed is unknown.
   */
  transact<T>(actor: Actor, work: (ctx: Ctx) => Promise<T>, opts?: { repeatable?: boolean }): Promise<T>;
  /**
   * Runs `work` that writes with exactly one statement (atomic by itself) and stores its own events
   * in it: no BEGIN and COMMIT round trips. Used on the hottest write, posting a message.
   */
  inOneStatement<T>(actor: Actor, work: (ctx: Ctx) => Promise<T>): Promise<T>;
  /** Runs read-only `work` as `actor` without opening a transaction. */
  read<T>(actor: Actor, work: (ctx: Ctx) => Promise<T>): Promise<T>;
  /** Whether some listener takes this event: only those go through the outbox. */
  dispatches(event: DomainEvent): boolean;
};

/** The actor for what the server does by itself (snooze wake-ups, seeding). */
export function systemActor(workspaceId: string): Actor {
  return { workspaceId, type: "system", id: null, name: "Atende", email: "", role: null, locale: "en" };
}

/** A domain event as published, from what a service emits. */
export function domainEvent<T extends EventType>(actor: Actor, event: NewEvent & { type: T }): EventOf<T> {
  // NewEvent pairs each type with its payload, which TypeScript cannot carry through the spread.
  return {
    id: uuidv7(),
    workspaceId: actor.workspaceId,
    type: event.type,
    actor: { type: actor.type, id: actor.id },
    conversationId: event.conversationId ?? null,
    payload: event.payload,
    createdAt: new Date().toISOString(),
  } as EventOf<T>;
}

/** With VALIDATE_EVENTS (the tests), every event is checked against its type's schema as it is written. */
export function checkedEvent(config: Config, event: DomainEvent): DomainEvent {
  return config.validateEvents ? DomainEvent.parse(event) : event;
}

/** The `event` row that stores a domain event. */
export function eventRow(e: DomainEvent): typeof events.$inferInsert {
  return {
    id: e.id,
    workspaceId: e.workspaceId,
    type: e.type,
    actorType: e.actor.type,
    actorId: e.actor.id,
    conversationId: e.conversationId,
    payload: e.payload,
    createdAt: new Date(e.createdAt),
  };
}

function notHere(what: string): () => never {
  return () => {
    throw new Error(`${what} is not possible outside a transaction`);
  };
}

/** What a runtime is made of: the server's entry point opens each and hands them over. */
export type RuntimeParts = Pick<Runtime, "config" | "bus" | "jobs" | "files" | "log" | "spine"> & {
  handle: DatabaseHandle;
  runStatement: StatementRunner;
};

export function createRuntime(parts: RuntimeParts): Runtime {
  const { config, handle, bus, jobs, runStatement } = parts;
  const { db, transaction } = handle;
  const dispatches = (event: DomainEvent) => parts.spine.listeners.some(({ listener }) => applies(listener, event));
  async function attempt<T>(actor: Actor, work: (ctx: Ctx) => Promise<T>, progress: { committing: boolean }): Promise<T> {
    const toStore: DomainEvent[] = [];
    const toPublish: DomainEvent[] = [];
    const ended: AccessEnded[] = [];
    const result = await transaction(async (tx) => {
      const acting = (who: Actor): Ctx => ({
        tx,
        actor: who,
        config,
        emit(event) {
          const e = checkedEvent(config, domainEvent(who, event));
          toStore.push(e);
          toPublish.push(e);
          return Promise.resolve();
        },
        announce: (e) => toPublish.push(checkedEvent(config, e)),
        dispatches,
        schedule: (job, each) => jobs.insertInTx(tx, job, each),
        run: async <R>(statement: SQL) => rowsOf<R>(await tx.execute(statement)),
        endAccess: (notice) => ended.push(notice),
        as: acting,
      });
      const value = await work(acting(actor));
      // All of the change's events in one statement, still inside its transaction.
      if (toStore.length > 0) await tx.insert(events).values(toStore.map(eventRow));
      const dispatched = toStore.filter(dispatches);
      if (dispatched.length > 0) await tx.insert(eventOutbox).values(dispatched.map((e) => ({ eventId: e.id })));
      progress.committing = true;
      return value;
    });
    for (const event of toPublish) bus.publish(event);
    for (const notice of ended) bus.endAccess(notice);
    return result;
  }
  async function transact<T>(actor: Actor, work: (ctx: Ctx) => Promise<T>, opts: { repeatable?: boolean } = {}): Promise<T> {
    const progress = { committing: false };
    try {
      return await attempt(actor, work, progress);
    } catch (err) {
      // Once more on a new connection when the first broke before COMMIT (nothing was written),
      // or at any point for work that may run twice (a create under its Idempotency-Key).
      const failure = connectionFailure(err);
      if (!failure || (failure === "lost" && progress.committing && !opts.repeatable)) throw err;
      return attempt(actor, work, { committing: false });
    }
  }
  async function inOneStatement<T>(actor: Actor, work: (ctx: Ctx) => Promise<T>): Promise<T> {
    const toPublish: DomainEvent[] = [];
    const ctx: Ctx = {
      tx: db,
      actor,
      config,
      emit: notHere("storing an event apart from the statement"),
      announce: (e) => toPublish.push(checkedEvent(config, e)),
      dispatches,
      schedule: notHere("scheduling a job apart from the statement"),
      run: runStatement,
      endAccess: notHere("ending access"),
      as: notHere("acting as another in one statement"),
    };
    let result: T;
    try {
      result = await work(ctx);
    } catch (err) {
      // The server ended the session mid-statement: it did not commit, and runs again on a new connection.
      if (connectionFailure(err) !== "terminated") throw err;
      toPublish.length = 0;
      result = await work(ctx);
    }
    for (const event of toPublish) bus.publish(event);
    return result;
  }
  const read = async <T>(actor: Actor, work: (ctx: Ctx) => Promise<T>): Promise<T> => {
    const ctx: Ctx = {
      tx: db,
      actor,
      config,
      emit: notHere("writing"),
      announce: notHere("writing"),
      dispatches,
      schedule: notHere("writing"),
      run: runStatement,
      endAccess: notHere("writing"),
      as: notHere("acting as another while reading"),
    };
    try {
      return await work(ctx);
    } catch (err) {
      if (!connectionFailure(err)) throw err;
      return work(ctx); // a read is safe to repeat, on a new connection
    }
  };
  return { ...parts, db, transaction, transact, inOneStatement, read, dispatches };
}
