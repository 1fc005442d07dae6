import type { DomainEvent, EventOf, EventType } from "@atende/shared";
import type { Ctx } from "./context.js";

/**
 * What a module does after a change, whatever made it: it hears each committed event of the types
 * it applies to, once, on one node, in its own transaction (`ctx.tx`, acting as the system).
 */
export type Listener<T extends EventType = EventType> = {
  /** Unique and stable: its queue and its receipts are named by it. */
  name: string;
  applicableEvents: readonly T[];
  /** Decides, when the event is handed on, whether this listener needs it at all (no job if not). */
  when?(event: EventOf<T>): boolean;
  /** Events of one conversation one after the other, in the order they were committed. */
  ordered?: boolean;
  /** Throwing rolls its changes back and retries it with backoff; after the last retry it is parked. */
  handle(event: EventOf<T>, ctx: Ctx): Promise<void>;
  /**
   * Does what `handle` does for each of these events, in their order, with a few statements for all
   * of them: a backlog is then worked off in batches whose cost hardly grows with their size. When
   * it throws, each event is handled again on its own through `handle`.
   */
  handleEach?(events: EventOf<T>[], ctx: Ctx): Promise<void>;
};

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
