import { EventEmitter } from "node:events";
import { Redis } from "ioredis";
import { DomainEvent, Signal } from "@atende/shared";

type Listener = (event: DomainEvent) => void;
type SignalListener = (signal: Signal) => void;

/**
 * Carries committed domain events, and passing signals (typing), to whoever listens, on this node
 * or (with Redis) on every node.
 */
export type EventBus = {
  publish(event: DomainEvent): void;
  subscribe(listener: Listener): () => void;
  signal(signal: Signal): void;
  onSignal(listener: SignalListener): () => void;
  close(): Promise<void>;
};


function localFanOut() {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  const on = (name: "event" | "signal", listener: Listener | SignalListener) => {
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
    close: () => Promise.resolve(),
  };
}

/** Delivers events through Redis pub/sub, so that every node's listeners see every node's events. */
export async function createRedisBus(url: string, onError: (err: Error) => void, prefix = "atende"): Promise<EventBus> {
  const [CHANNEL, SIGNALS] = [`${prefix}:events`, `${prefix}:signals`];
  const local = localFanOut();
  const publisher = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3 });
  const subscriber = new Redis(url, { lazyConnect: true });
  publisher.on("error", onError);
  subscriber.on("error", onError);
  await Promise.all([publisher.connect(), subscriber.connect()]);
  await subscriber.subscribe(CHANNEL, SIGNALS);
  subscriber.on("message", (channel: string, raw: string) => {
    const value: unknown = JSON.parse(raw);
    if (channel === SIGNALS) {
      const signal = Signal.safeParse(value);
      if (signal.success) local.emitSignal(signal.data);
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
    async close() {
      await Promise.allSettled([subscriber.quit(), publisher.quit()]);
    },
  };
}
