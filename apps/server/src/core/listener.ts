import type { DomainEvent, EventOf, EventType } from "@atende/shared";
import type { AppError } from "../lib/app-error.js";
import type { Ctx, Runtime } from "./context.js";

/**
 * What a module does after a change, whatever made it: it hears each committed event of the types
 * it applies to, once, on one node, in its own transaction (`ctx.tx`, acting as the system).
 */
export type Listener<T extends EventType = EventType, P = never> = ListenerBase<T> & (OneByOne<T, P> | InBatches<T>);

type ListenerBase<T extends EventType> = {
  /** Unique and stable: its queue and its receipts are named by it. */
  name: string;
  applicableEvents: readonly T[];
  /** Decides, when the event is handed on, whether this listener needs it at all (no job if not). */
  when?(event: EventOf<T>): boolean;
  /** Events of one conversation one after the other, in the order they were committed. */
  ordered?: boolean;
};

/**
 * Throwing rolls its changes back and retries it with backoff; after the last retry it is parked.
 *
 * `prepare`, when given, runs first, outside the transaction, on what is committed: for what waits
 * on the network (a language model's answer). A transaction held open across it would hold a
 * connection and row locks for as long, and on the embedded database every other query of the
 * server. Its result reaches `handle`, which must check it against what it reads in its
 * transaction: the world may have moved meanwhile. A rerun of the job prepares again.
 */
type OneByOne<T extends EventType, P> = {
  prepare?(event: EventOf<T>, runtime: Runtime): Promise<P>;
  handle(event: EventOf<T>, ctx: Ctx, prepared?: P): Promise<void>;
  /**
   * When `handle` throws an AppError (a change it tried was refused: the customer's input, or a
   * setup that changed since, which no retry will change), its changes are rolled back and this
   * runs instead, in a transaction of its own. Without it the event would be retried until parked,
   * and a parked event of an ordered listener holds back every later one of its conversation.
   */
  onRefused?(event: EventOf<T>, ctx: Ctx, refusal: AppError): Promise<void>;
  handleEach?: never;
};

/**
 * Handles several events, in their order, with a few statements for all of them: a backlog is
 * worked off in batches whose cost hardly grows with their size. When a batch throws, each of its
 * events is handled again in a batch of its own, so only the failing one is retried and parked.
 */
type InBatches<T extends EventType> = { handleEach(events: EventOf<T>[], ctx: Ctx): Promise<void>; handle?: never; prepare?: never; onRefused?: never };

export function defineListener<T extends EventType, P = never>(listener: Listener<T, P>): Listener<T, P> {
  return listener;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each listener narrows to its own event types and prepares its own
export type AnyListener = Listener<any, any>;

/** Whether a listener takes this event (its type, then its own filter). */
export function applies(listener: AnyListener, event: DomainEvent): boolean {
  // AnyListener's types are any of the union's
  return (listener.applicableEvents as readonly EventType[]).includes(event.type) && (listener.when?.(event) ?? true);
}
