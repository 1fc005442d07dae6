import { EventEmitter } from "node:events";
import { Redis } from "ioredis";
import { DomainEvent } from "@atende/shared";

type Listener = (event: DomainEvent) => void;

/** Carries committed domain events to whoever listens, on this node or (with Redis) on every node. */
export type EventBus = {
  publish(event: DomainEvent): void;
  subscribe(listener: Listener): () => void;
  close(): Promise<void>;
};

const CHANNEL = "atende:events";

function localFanOut() {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  const emit = (event: DomainEvent) => {
    emitter.emit("event", event);
  };
  const subscribe = (listener: Listener) => {
    emitter.on("event", listener);
    return () => {
      emitter.off("event", listener);
    };
  };
  return { emit, subscribe };
}

/** Delivers events to listeners in this process only. */
export function createInProcessBus(): EventBus {
  const local = localFanOut();
  return { publish: local.emit, subscribe: local.subscribe, close: () => Promise.resolve() };
}

/** Delivers events through Redis pub/sub, so that every node's listeners see every node's events. */
export async function createRedisBus(url: string, onError: (err: Error) => void): Promise<EventBus> {
  const local = localFanOut();
  const publisher = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3 });
  const subscriber = new Redis(url, { lazyConnect: true });
  publisher.on("error", onError);
  subscriber.on("error", onError);
  await Promise.all([publisher.connect(), subscriber.connect()]);
  await subscriber.subscribe(CHANNEL);
  subscriber.on("message", (_channel: string, raw: string) => {
    const parsed = DomainEvent.safeParse(JSON.parse(raw));
    if (parsed.success) local.emit(parsed.data);
    else onError(new Error("Ignored a malformed event from Redis"));
  });
  return {
    publish(event) {
      publisher.publish(CHANNEL, JSON.stringify(event)).catch(onError);
    },
    subscribe: local.subscribe,
    async close() {
      await Promise.allSettled([subscriber.quit(), publisher.quit()]);
    },
  };
}
