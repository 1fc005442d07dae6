import { randomUUID } from "node:crypto";
import { EventEmitter } from "node:events";
import { Redis } from "ioredis";
import { z } from "zod";
import { DomainEvent, Signal } from "@atende/shared";

type Listener = (event: DomainEvent) => void;
type SignalListener = (signal: Signal) => void;

/**
 * Access that ended: every node forgets its cached credentials and closes the sockets that used
 * them. `one` credential (a sign-out, a revoked token); the agent's `sessions` but `keepSession` (a
 * password change: tokens stay); or `all` of them (the agent deactivated or given another role).
 */
export const AccessEnded = z.object({
  workspaceId: z.string(),
  agentId: z.string(),
  ended: z.enum(["one", "sessions", "all"]),
  credential: z.object({ kind: z.enum(["session", "token"]), id: z.string() }).optional(),
  keepSession: z.string().optional(),
});
export type AccessEnded = z.infer<typeof AccessEnded>;
type AccessListener = (notice: AccessEnded) => void;

/**
 * Carries committed domain events, passing signals (typing) and notices of ended access to whoever
 * listens: on this node at once, and (with Redis) on every other node.
 */
export type EventBus = {
  publish(event: DomainEvent): void;
  subscribe(listener: Listener): () => void;
  signal(signal: Signal): void;
  onSignal(listener: SignalListener): () => void;
  endAccess(notice: AccessEnded): void;
  onAccessEnded(listener: AccessListener): () => void;
  /** Whether what other nodes publish arrives now (always, in one process). */
  healthy(): boolean;
  /**
   * Told when what other nodes published may not have arrived: the connection to Redis broke and is
   * back. What was missed is in the `event` table.
   */
  onGap(listener: () => void): () => void;
  close(): Promise<void>;
};

function localFanOut() {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  const on = (name: "event" | "signal" | "access" | "gap", listener: Listener | SignalListener | AccessListener | (() => void)) => {
    emitter.on(name, listener);
    return () => {
      emitter.off(name, listener);
    };
  };
  return {
    emit: (event: DomainEvent) => emitter.emit("event", event),
    subscribe: (listener: Listener) => on("event", listener),
    emitSignal: (signal: Signal) => emitter.emit("signal", signal),
    onSignal: (listener: SignalListener) => on("signal", listener),
    emitAccessEnded: (notice: AccessEnded) => emitter.emit("access", notice),
    onAccessEnded: (listener: AccessListener) => on("access", listener),
    emitGap: () => emitter.emit("gap", undefined),
    onGap: (listener: () => void) => on("gap", listener),
  };
}

/** Delivers events to listeners in this process only. */
export function createInProcessBus(): EventBus {
  const local = localFanOut();
  return {
    publish: local.emit,
    subscribe: local.subscribe,
    signal: local.emitSignal,
    onSignal: local.onSignal,
    endAccess: local.emitAccessEnded,
    onAccessEnded: local.onAccessEnded,
    healthy: () => true,
    onGap: local.onGap,
    close: () => Promise.resolve(),
  };
}

/** What travels through Redis: who sent it (a node ignores its own), and the event, signal or notice. */
const Envelope = z.object({ origin: z.string(), body: z.unknown() });

export class RedisUnavailableError extends Error {}

/**
 * Delivers events through Redis pub/sub, so that every node's listeners see every node's events;
 * this node's own are delivered here at once, whatever Redis does. While Redis is away the bus says
 * so (`healthy`, one warning) and publishes nothing; when it is back, listeners are told of the gap.
 */
export async function createRedisBus(
  url: string,
  log: { warn: (err: Error, message: string) => void; info: (message: string) => void },
  prefix = "atende",
): Promise<EventBus> {
  const [CHANNEL, SIGNALS, ACCESS] = [`${prefix}:events`, `${prefix}:signals`, `${prefix}:access`];
  const origin = randomUUID();
  const local = localFanOut();
  // Nothing waits in a queue for Redis: a publish while it is away is dropped (the event is in the table).
  // A change's events, published together, go out in one write.
  const publisher = new Redis(url, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1, enableAutoPipelining: true });
  const subscriber = new Redis(url, { lazyConnect: true });
  let up = false;
  let started = false;
  const ignore = () => undefined; // reported once, by the subscriber's state below
  publisher.on("error", ignore);
  subscriber.on("error", (err: Error) => {
    if (up) log.warn(err, "lost the connection to Redis; events of other nodes are read from the database until it is back");
    up = false;
  });
  subscriber.on("close", () => {
    up = false;
  });
  subscriber.on("ready", () => {
    if (up) return;
    up = true;
    if (started) {
      log.info("the connection to Redis is back");
      local.emitGap();
    }
  });
  try {
    await Promise.all([publisher.connect(), subscriber.connect()]);
    await subscriber.subscribe(CHANNEL, SIGNALS, ACCESS);
  } catch (err) {
    publisher.disconnect();
    subscriber.disconnect();
    throw new RedisUnavailableError(`Cannot reach Redis at REDIS_URL (${err instanceof Error ? err.message : String(err)}).`);
  }
  started = true;
  up = true;
  subscriber.on("message", (channel: string, raw: string) => {
    const envelope = Envelope.safeParse(JSON.parse(raw));
    if (!envelope.success || envelope.data.origin === origin) return; // delivered here already
    const { body } = envelope.data;
    if (channel === SIGNALS) {
      const signal = Signal.safeParse(body);
      if (signal.success) local.emitSignal(signal.data);
    } else if (channel === ACCESS) {
      const notice = AccessEnded.safeParse(body);
      if (notice.success) local.emitAccessEnded(notice.data);
    } else {
      const event = DomainEvent.safeParse(body);
      if (event.success) local.emit(event.data);
    }
  });
  const send = (channel: string, body: unknown) => {
    if (publisher.status !== "ready") return;
    publisher.publish(channel, JSON.stringify({ origin, body })).catch(ignore);
  };
  return {
    publish(event) {
      local.emit(event);
      send(CHANNEL, event);
    },
    subscribe: local.subscribe,
    signal(signal) {
      local.emitSignal(signal);
      send(SIGNALS, signal);
    },
    onSignal: local.onSignal,
    endAccess(notice) {
      local.emitAccessEnded(notice);
      send(ACCESS, notice);
    },
    onAccessEnded: local.onAccessEnded,
    healthy: () => up,
    onGap: local.onGap,
    async close() {
      await Promise.allSettled([subscriber.quit(), publisher.quit()]);
    },
  };
}
