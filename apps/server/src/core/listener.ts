import type { DomainEvent, EventOf, EventType } from "@atende/shared";
import type { Ctx } from "./context.js";

/**
 * What a module does after a change, whatever made it: it hears each committed event of the types
 * it applies to, once, on one node, in its own transaction (`ctx.tx`, acting as the system).
 */
export type Listener<T extends EventType = EventType> = ListenerBase<T> & (OneByOne<T> | InBatches<T>);

type ListenerBase<T extends EventType> = {
  /** Unique and stable: its queue and its receipts are named by it. */
  name: string;
  applicableEvents: readonly T[];
  /** Decides, when the event is handed on, whether this listener needs it at all (no job if not). */
  when?(event: EventOf<T>): boolean;
  /** Events of one conversation one after the other, in the order they were committed. */
  ordered?: boolean;
};

/** Throwing rolls its changes back and retries it with backoff; after the last retry it is parked. */
type OneByOne<T extends EventType> = { handle(event: EventOf<T>, ctx: Ctx): Promise<void>; handleEach?: never };

/**
 * Handles several events, in their order, with a few statements for all of them: a backlog is
 * worked off in batches whose cost hardly grows with their size. When a batch throws, each of its
 * events is handled again in a batch of its own, so only the failing one is retried and parked.
 */
type InBatches<T extends EventType> = { handleEach(events: EventOf<T>[], ctx: Ctx): Promise<void>; handle?: never };

export function defineListener<T extends EventType>(listener: Listener<T>): Listener<T> {
  return listener;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each listener narrows to its own event types
export type AnyListener = Listener<any>;

/** Whether a listener takes this event (its type, then its own filter). */
export function applies(listener: AnyListener, event: DomainEvent): boolean {
  // AnyListener's types are any of the union's
  return (listener.applicableEvents as readonly EventType[]).includes(event.type) && (listener.when?.(event) ?? true);
}
