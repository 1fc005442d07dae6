import type { ActorType, AgentRole, DomainEvent, EventType, Locale } from "@atende/shared";
import type { Config } from "../config.js";
import type { Database, Tx } from "../db/client.js";
import { events } from "../db/schema/index.js";
import type { EventBus } from "../events/bus.js";
import type { JobName, JobPayloads, JobQueue } from "../jobs/queue.js";

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

export type NewEvent = { type: EventType; conversationId?: string | null; payload: Record<string, unknown> };

/** What every service function receives: one transaction, the actor, and the ways to record side effects. */
export type Ctx = {
  tx: Tx;
  actor: Actor;
  config: Config;
  /** Records a domain event in this transaction; listeners hear of it only after commit. */
  emit(event: NewEvent): Promise<void>;
  /** Schedules a durable job in this transaction. */
  schedule<N extends JobName>(name: N, data: JobPayloads[N], startAfter?: Date): Promise<void>;
};

export type Runtime = {
  config: Config;
  db: Database;
  bus: EventBus;
  jobs: JobQueue;
  /** Runs `work` in one transaction as `actor`, then publishes the events it recorded. */
  transact<T>(actor: Actor, work: (ctx: Ctx) => Promise<T>): Promise<T>;
};

/** The actor for what the server does by itself (snooze wake-ups, seeding). */
export function systemActor(workspaceId: string): Actor {
  return { workspaceId, type: "system", id: null, name: "Atende", email: "", role: null, locale: "en" };
}

export function createRuntime(config: Config, db: Database, bus: EventBus, jobs: JobQueue): Runtime {
  async function transact<T>(actor: Actor, work: (ctx: Ctx) => Promise<T>): Promise<T> {
    const recorded: DomainEvent[] = [];
    const result = await db.transaction(async (tx) => {
      const ctx: Ctx = {
        tx,
        actor,
        config,
        async emit(event) {
          const [row] = await tx
            .insert(events)
            .values({
              workspaceId: actor.workspaceId,
              type: event.type,
              actorType: actor.type,
              actorId: actor.id,
              conversationId: event.conversationId ?? null,
              payload: event.payload,
            })
            .returning({ id: events.id, createdAt: events.createdAt });
          if (!row) throw new Error("event insert returned no row");
          recorded.push({
            id: row.id,
            workspaceId: actor.workspaceId,
            type: event.type,
            actor: { type: actor.type, id: actor.id },
            conversationId: event.conversationId ?? null,
            payload: event.payload,
            createdAt: row.createdAt.toISOString(),
          });
        },
        schedule: (name, data, startAfter) => jobs.sendInTx(tx, name, data, startAfter),
      };
      return work(ctx);
    });
    for (const event of recorded) bus.publish(event);
    return result;
  }
  return { config, db, bus, jobs, transact };
}
