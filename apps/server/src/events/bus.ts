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
 * listens, on this node or (with Redis) on every node.
 */
export type EventBus = {
  publish(event: DomainEvent): void;
  subscribe(listener: Listener): () => void;
  signal(signal: Signal): void;
  onSignal(listener: SignalListener): () => void;
  endAccess(notice: AccessEnded): void;
  onAccessEnded(listener: AccessListener): () => void;
  close(): Promise<void>;
};

function localFanOut() {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  const on = (name: "event" | "signal" | "access", listener: Listener | SignalListener | AccessListener) => {
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
    close: () => Promise.resolve(),
  };
}

/** Delivers events through Redis pub/sub, so that every node's listeners see every node's events. */
export async function createRedisBus(url: string, onError: (err: Error) => void, prefix = "atende"): Promise<EventBus> {
  const [CHANNEL, SIGNALS, ACCESS] = [`${prefix}:events`, `${prefix}:signals`, `${prefix}:access`];
  const local = localFanOut();
  const publisher = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3 });
  const subscriber = new Redis(url, { lazyConnect: true });
  publisher.on("error", onError);
  subscriber.on("error", onError);
  await Promise.all([publisher.connect(), subscriber.connect()]);
  await subscriber.subscribe(CHANNEL, SIGNALS, ACCESS);
  subscriber.on("message", (channel: string, raw: string) => {
    const value: unknown = JSON.parse(raw);
    if (channel === SIGNALS) {
      const signal = Signal.safeParse(value);
      if (signal.success) local.emitSignal(signal.data);
      return;
    }
    if (channel === ACCESS) {
      const notice = AccessEnded.safeParse(value);
      if (notice.success) local.emitAccessEnded(notice.data);
      return;
    }
    const parsed = DomainEvent.safeParse(value);
    if (parsed.success) local.emit(parsed.data);
    else onError(new Error("Ignored a malformed event from Redis"));
  });
  return {
    publish(event) {
      publisher.publish(CHANNEL, JSON.stringify(event)).catch(onError);
    },
    subscribe: local.subscribe,
    signal(signal) {
      publisher.publish(SIGNALS, JSON.stringify(signal)).catch(onError);
    },
    onSignal: local.onSignal,
    endAccess(notice) {
      // This node at once, whatever Redis does; the others through it (hearing it twice is harmless).
      local.emitAccessEnded(notice);
      publisher.publish(ACCESS, JSON.stringify(notice)).catch(onError);
    },
    onAccessEnded: local.onAccessEnded,
    async close() {
      await Promise.allSettled([subscriber.quit(), publisher.quit()]);
    },
  };
}
