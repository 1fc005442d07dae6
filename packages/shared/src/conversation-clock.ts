/**
 * The conversation's clock as pure rules: what a message, an agent's status change or the end of a
 * snooze does to a conversation's status, snooze, customer's wait, first response, resolution and
 * last activity, and the domain events that raises. No I/O: the server loads the fields, asks, and
 * writes the changes and emits the events it is given.
 */
import type { FieldError } from "./errors.js";
import type { ConversationStatus, MessageDirection, MessageKind, SenderType } from "./enums.js";
import type { EventPayload, EventType } from "./events.js";

/** The fields of a conversation its clock moves, named and typed as on the database row (the DTO has them as ISO strings). */
export type ConversationClock = {
  status: ConversationStatus;
  /** When a snoozed conversation wakes; null unless snoozed. */
  snoozedUntil: Date | null;
  /** Time of the oldest customer message not yet answered; null when the team spoke last. */
  waitingSince: Date | null;
  /** Time of the first public agent reply; never moves once set. */
  firstResponseAt: Date | null;
  /** When it was resolved; null unless resolved. */
  resolvedAt: Date | null;
  /** Time of the last message or note people wrote (machine-sent mail and status changes leave it). */
  lastActivityAt: Date;
};

const CLOCK_FIELDS = ["status", "snoozedUntil", "waitingSince", "firstResponseAt", "resolvedAt", "lastActivityAt"] as const satisfies readonly (keyof ConversationClock)[];

/** A reply or note was added to the conversation at `at` (its `createdAt`). */
export type MessageAdded = {
  type: "message_added";
  at: Date;
  direction: MessageDirection;
  kind: Exclude<MessageKind, "activity">;
  /** Who wrote it: only an agent's reply answers the customer (a bot's or the system's does not). */
  senderType: SenderType;
  /** Mail no person wrote (out-of-office, bounce, list traffic: `email.automated` set). */
  automated: boolean;
};

/** An agent asked for a status and/or a snooze, as `PATCH /conversations/{id}` reads them (`snoozedUntil` alone snoozes, or with null unsnoozes). */
export type StatusSet = {
  type: "status_set";
  at: Date;
  status?: ConversationStatus | undefined;
  snoozedUntil?: Date | null | undefined;
};

/** The snooze's job came due at `at`. */
export type SnoozeEnded = { type: "snooze_ended"; at: Date };
/**
 * How the team's latest reply fared: not delivered (refused, or bounced back later), the customer is
 * still waiting, since they last wrote (or since the reply, when they never wrote); delivered after
 * all (sent again), the wait it had ended is over, unless the customer wrote after the reply.
 */
export type ReplyDelivery = { type: "reply_delivery"; delivered: boolean; at: Date; replyAt: Date; customerWroteAt: Date | null };

export type ClockFact = MessageAdded | StatusSet | SnoozeEnded | ReplyDelivery;

/** The fields whose value changes, and only those. */
export type ClockChanges = Partial<ConversationClock>;

type EventIn<T extends EventType> = { type: T; payload: EventPayload<T> };
/**
 * An event the change raises. `conversation.updated` carries only the clock's fields (status,
 * snoozedUntil): a caller changing other fields in the same request merges theirs into it.
 */
export type ClockEvent = EventIn<"conversation.updated"> | EventIn<"conversation.status_changed">;

export type ClockOutcome = { changes: ClockChanges; events: ClockEvent[] };
/** The request cannot be done as asked; `path` names the field, as an API validation error does. */
export type ClockRefusal = { refused: FieldError };

/** How a fact moves one field: to `value`, or to `value` only when the field is empty (SQL: `coalesce(column, value)`). */
export type FieldMove<V> = { op: "set"; value: V } | { op: "fill"; value: NonNullable<V> };
export type ClockMoves = { [K in keyof ConversationClock]?: FieldMove<ConversationClock[K]> };

const NOTHING: ClockOutcome = { changes: {}, events: [] };

/**
 * What a message does to the clock. It depends on the message alone, never on the conversation's
 * fields: which is what lets the server apply it in the statement that inserts the message, without
 * reading the row first.
 * - Machine-sent mail moves nothing.
 * - Anything else people wrote (reply or note, either way) is the conversation's last activity.
 * - A customer's message reopens the conversation (from pending, snoozed or resolved: no snooze,
 *   no resolution) and starts the wait, unless the customer was already waiting.
 * - An agent's public reply ends the wait and, the first time, is the first response. A note, or a
 *   reply a bot or the system sent, does neither.
 */
export function messageMoves(m: MessageAdded): ClockMoves {
  if (m.automated) return {};
  const activity: ClockMoves = { lastActivityAt: { op: "set", value: m.at } };
  if (m.direction === "incoming") {
    return {
      ...activity,
      status: { op: "set", value: "open" },
      snoozedUntil: { op: "set", value: null },
      resolvedAt: { op: "set", value: null },
      waitingSince: { op: "fill", value: m.at },
    };
  }
  if (m.kind === "reply" && m.senderType === "agent") {
    return { ...activity, waitingSince: { op: "set", value: null }, firstResponseAt: { op: "fill", value: m.at } };
  }
  return activity;
}

/**
 * What a fact does to the clock: the fields that change and the events that raises. A message
 * never refuses; an agent's status request may (a snooze needs a time to come).
 */
export function advanceClock(state: ConversationClock, fact: MessageAdded | SnoozeEnded | ReplyDelivery): ClockOutcome;
export function advanceClock(state: ConversationClock, fact: ClockFact): ClockOutcome | ClockRefusal;
export function advanceClock(state: ConversationClock, fact: ClockFact): ClockOutcome | ClockRefusal {
  switch (fact.type) {
    case "message_added":
      return afterMessage(state, fact);
    case "status_set":
      return afterStatusSet(state, fact);
    case "snooze_ended":
      return afterSnoozeEnded(state, fact);
    case "reply_delivery":
      return afterReplyDelivery(state, fact);
  }
}

function afterMessage(state: ConversationClock, m: MessageAdded): ClockOutcome {
  const changes = changed(state, applyMoves(state, messageMoves(m)));
  // Only a customer's message moves the status, and only back to open.
  const events: ClockEvent[] = changes.status
    ? [{ type: "conversation.status_changed", payload: { from: state.status, to: changes.status, reason: "incoming_message" } }]
    : [];
  return { changes, events };
}

/** The status an agent's request asks for: `snoozedUntil` alone snoozes, or with null unsnoozes a snoozed conversation. */
function requestedStatus(state: ConversationClock, req: StatusSet): ConversationStatus | undefined {
  if (req.status !== undefined || req.snoozedUntil === undefined) return req.status;
  if (req.snoozedUntil) return "snoozed";
  return state.status === "snoozed" ? "open" : undefined;
}

/**
 * An agent's status: asking for the status it has changes nothing, except that snoozing a snoozed
 * conversation to another time moves its wake. Resolving stamps `resolvedAt`; any other status
 * clears it and the snooze. The customer's wait and the first response are left as they are.
 */
function afterStatusSet(state: ConversationClock, req: StatusSet): ClockOutcome | ClockRefusal {
  const to = requestedStatus(state, req);
  if (to === undefined) return NOTHING;
  let until: Date | null = null;
  if (to === "snoozed") {
    if (!req.snoozedUntil) return { refused: { path: "snoozedUntil", message: "is required when snoozing", code: "required" } };
    if (req.snoozedUntil.getTime() <= req.at.getTime()) return { refused: { path: "snoozedUntil", message: "must be in the future", code: "not_future" } };
    if (state.status === "snoozed" && same(state.snoozedUntil, req.snoozedUntil)) return NOTHING;
    until = req.snoozedUntil;
  } else if (to === state.status) {
    return NOTHING;
  }
  const after = applyMoves(state, {
    status: { op: "set", value: to },
    snoozedUntil: { op: "set", value: until },
    resolvedAt: { op: "set", value: to === "resolved" ? req.at : null },
  });
  // As the server has always announced it: the status and the snooze, each time an agent sets one
  // (so snoozing again reads snoozed → snoozed, and resolving an unsnoozed conversation null → null).
  return { changes: changed(state, after), events: announced(state, after) };
}

/** A snooze ends only if the conversation is still snoozed and its time has come: a later snooze or another status wins. */
function afterSnoozeEnded(state: ConversationClock, fact: SnoozeEnded): ClockOutcome {
  if (state.status !== "snoozed" || !state.snoozedUntil || state.snoozedUntil.getTime() > fact.at.getTime()) return NOTHING;
  const after = applyMoves(state, { status: { op: "set", value: "open" }, snoozedUntil: { op: "set", value: null } });
  return { changes: changed(state, after), events: announced(state, after, "snooze_ended") };
}

/**
 * Undelivered, the wait starts again where the reply had ended it (a wait already running stays);
 * delivered, a wait from before the reply ends.
 */
function afterReplyDelivery(state: ConversationClock, fact: ReplyDelivery): ClockOutcome {
  const wroteAfter = fact.customerWroteAt !== null && fact.customerWroteAt.getTime() > fact.replyAt.getTime();
  let waitingSince: Date | null;
  if (!fact.delivered) {
    if (state.waitingSince) return NOTHING;
    waitingSince = fact.customerWroteAt ?? fact.at;
  } else {
    if (!state.waitingSince || wroteAfter) return NOTHING;
    waitingSince = null;
  }
  const after = applyMoves(state, { waitingSince: { op: "set", value: waitingSince } });
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return {
    changes: changed(state, after),
    events: [{ type: "conversation.updated", payload: { changes: { waitingSince: { from: iso(state.waitingSince), to: iso(after.waitingSince) } } } }],
  };
}

function announced(before: ConversationClock, after: ConversationClock, reason?: "snooze_ended"): ClockEvent[] {
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return [
    {
      type: "conversation.updated",
      payload: {
        changes: {
          status: { from: before.status, to: after.status },
          snoozedUntil: { from: iso(before.snoozedUntil), to: iso(after.snoozedUntil) },
        },
      },
    },
    { type: "conversation.status_changed", payload: { from: before.status, to: after.status, ...(reason ? { reason } : {}) } },
  ];
}

function moved<K extends keyof ConversationClock>(state: ConversationClock, key: K, move: FieldMove<ConversationClock[K]> | undefined): ConversationClock[K] {
  if (!move) return state[key];
  return move.op === "fill" ? (state[key] ?? move.value) : move.value;
}

function applyMoves(state: ConversationClock, moves: ClockMoves): ConversationClock {
  return {
    status: moved(state, "status", moves.status),
    snoozedUntil: moved(state, "snoozedUntil", moves.snoozedUntil),
    waitingSince: moved(state, "waitingSince", moves.waitingSince),
    firstResponseAt: moved(state, "firstResponseAt", moves.firstResponseAt),
    resolvedAt: moved(state, "resolvedAt", moves.resolvedAt),
    lastActivityAt: moved(state, "lastActivityAt", moves.lastActivityAt),
  };
}

function same(a: ConversationClock[keyof ConversationClock], b: ConversationClock[keyof ConversationClock]): boolean {
  return a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b;
}

function put<K extends keyof ConversationClock>(changes: ClockChanges, key: K, value: ConversationClock[K]): void {
  changes[key] = value;
}

function changed(before: ConversationClock, after: ConversationClock): ClockChanges {
  const changes: ClockChanges = {};
  for (const key of CLOCK_FIELDS) if (!same(before[key], after[key])) put(changes, key, after[key]);
  return changes;
}
