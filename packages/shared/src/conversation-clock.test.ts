import { describe, expect, it } from "vitest";
import {
  advanceClock,
  messageMoves,
  type ClockMoves,
  type ClockOutcome,
  type ClockRefusal,
  type ConversationClock,
  type MessageAdded,
  type StatusSet,
} from "./conversation-clock.js";
import { CONVERSATION_STATUSES, SENDER_TYPES } from "./enums.js";
import { EVENT_PAYLOADS } from "./events.js";

const t0 = new Date("2026-03-02T09:00:00.000Z");
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
const NOW = at(60);

/** A conversation the team answered: open, nobody waiting. */
const answered: ConversationClock = {
  status: "open",
  snoozedUntil: null,
  waitingSince: null,
  firstResponseAt: at(5),
  resolvedAt: null,
  lastActivityAt: at(5),
};
/** A new conversation whose customer is waiting for a first answer. */
const fresh: ConversationClock = { ...answered, waitingSince: at(0), firstResponseAt: null, lastActivityAt: at(0) };
const pending: ConversationClock = { ...answered, status: "pending" };
const snoozed: ConversationClock = { ...answered, status: "snoozed", snoozedUntil: at(30) };
const resolved: ConversationClock = { ...answered, status: "resolved", resolvedAt: at(10) };

const customerWrites = (over: Partial<MessageAdded> = {}): MessageAdded => ({
  type: "message_added",
  at: NOW,
  direction: "incoming",
  kind: "reply",
  senderType: "contact",
  automated: false,
  ...over,
});
const agentReplies = (over: Partial<MessageAdded> = {}): MessageAdded => ({
  type: "message_added",
  at: NOW,
  direction: "outgoing",
  kind: "reply",
  senderType: "agent",
  automated: false,
  ...over,
});
const agentNotes = (over: Partial<MessageAdded> = {}): MessageAdded => agentReplies({ kind: "note", ...over });
const agentSets = (req: Omit<StatusSet, "type" | "at">, when = NOW): StatusSet => ({ type: "status_set", at: when, ...req });

function outcome(result: ClockOutcome | ClockRefusal): ClockOutcome {
  if ("refused" in result) throw new Error(`refused: ${result.refused.path} ${result.refused.message}`);
  return result;
}

/** Every event is one the event union accepts. */
function checked(result: ClockOutcome): ClockOutcome {
  for (const e of result.events) EVENT_PAYLOADS[e.type].parse(e.payload);
  return result;
}

describe("a customer's message", () => {
  it.each(["pending", "snoozed", "resolved"] as const)("reopens a %s conversation, clearing snooze and resolution, and starts the wait", (status) => {
    const state = { pending, snoozed, resolved }[status];
    expect(checked(advanceClock(state, customerWrites()))).toEqual({
      changes: {
        status: "open",
        ...(status === "snoozed" ? { snoozedUntil: null } : {}),
        ...(status === "resolved" ? { resolvedAt: null } : {}),
        waitingSince: NOW,
        lastActivityAt: NOW,
      },
      events: [{ type: "conversation.status_changed", payload: { from: status, to: "open", reason: "incoming_message" } }],
    });
  });

  it("in an open conversation starts the wait and raises no status change", () => {
    expect(advanceClock(answered, customerWrites())).toEqual({ changes: { waitingSince: NOW, lastActivityAt: NOW }, events: [] });
  });

  it("does not move the wait of a customer already waiting", () => {
    expect(advanceClock(fresh, customerWrites()).changes).toEqual({ lastActivityAt: NOW });
  });

  it("keeps the wait that started before the conversation was resolved", () => {
    const waitingWhenResolved = { ...resolved, waitingSince: at(1) };
    expect(advanceClock(waitingWhenResolved, customerWrites()).changes).toEqual({ status: "open", resolvedAt: null, lastActivityAt: NOW });
  });

  it("leaves the first response as it was", () => {
    expect(advanceClock(resolved, customerWrites()).changes).not.toHaveProperty("firstResponseAt");
  });

  it("reopens whoever recorded it (an agent posting for the contact through the API)", () => {
    expect(advanceClock(resolved, customerWrites({ senderType: "agent" })).changes.status).toBe("open");
  });

  it("clears a stray snooze time or resolution on an open conversation, as the statement always wrote them", () => {
    const stray = { ...answered, snoozedUntil: at(90), resolvedAt: at(2) };
    expect(advanceClock(stray, customerWrites())).toEqual({
      changes: { snoozedUntil: null, resolvedAt: null, waitingSince: NOW, lastActivityAt: NOW },
      events: [],
    });
  });
});

describe("machine-sent mail", () => {
  it.each(CONVERSATION_STATUSES)("moves nothing in a %s conversation: no reopening, no wait, no activity", (status) => {
    const state = { open: answered, pending, snoozed, resolved }[status];
    expect(advanceClock(state, customerWrites({ automated: true }))).toEqual({ changes: {}, events: [] });
  });

  it("sent our way does not end a wait either", () => {
    expect(advanceClock(fresh, agentReplies({ automated: true }))).toEqual({ changes: {}, events: [] });
  });
});

describe("an agent's reply", () => {
  it("ends the wait and is the first response", () => {
    expect(checked(advanceClock(fresh, agentReplies()))).toEqual({
      changes: { waitingSince: null, firstResponseAt: NOW, lastActivityAt: NOW },
      events: [],
    });
  });

  it("a second one does not move the first response", () => {
    const first = advanceClock(fresh, agentReplies({ at: at(10) }));
    const afterFirst = { ...fresh, ...first.changes };
    const later = { ...afterFirst, ...advanceClock(afterFirst, customerWrites({ at: at(20) })).changes };
    expect(advanceClock(later, agentReplies({ at: at(30) })).changes).toEqual({ waitingSince: null, lastActivityAt: at(30) });
    expect(later.firstResponseAt).toEqual(at(10));
  });

  it("does not change the status: replying to a pending, snoozed or resolved conversation leaves it so", () => {
    for (const state of [pending, snoozed, resolved]) {
      const result = advanceClock({ ...state, waitingSince: at(1) }, agentReplies());
      expect(result).toEqual({ changes: { waitingSince: null, lastActivityAt: NOW }, events: [] });
    }
  });

  it.each(SENDER_TYPES.filter((s) => s !== "agent"))("sent by a %s (not an agent) neither answers nor is a first response", (senderType) => {
    expect(advanceClock(fresh, agentReplies({ senderType })).changes).toEqual({ lastActivityAt: NOW });
  });
});

describe("a note", () => {
  it("moves only the last activity: the wait, the first response and the status stay", () => {
    expect(advanceClock(fresh, agentNotes())).toEqual({ changes: { lastActivityAt: NOW }, events: [] });
    expect(advanceClock(resolved, agentNotes())).toEqual({ changes: { lastActivityAt: NOW }, events: [] });
  });

  it("at the same instant as the last activity changes nothing at all", () => {
    expect(advanceClock({ ...fresh, lastActivityAt: NOW }, agentNotes())).toEqual({ changes: {}, events: [] });
  });
});

describe("an agent's status", () => {
  it("resolving stamps resolvedAt and raises the update and the status change", () => {
    expect(checked(outcome(advanceClock(answered, agentSets({ status: "resolved" }))))).toEqual({
      changes: { status: "resolved", resolvedAt: NOW },
      events: [
        { type: "conversation.updated", payload: { changes: { status: { from: "open", to: "resolved" }, snoozedUntil: { from: null, to: null } } } },
        { type: "conversation.status_changed", payload: { from: "open", to: "resolved" } },
      ],
    });
  });

  it.each(["open", "pending"] as const)("reopening a resolved conversation as %s clears resolvedAt", (to) => {
    expect(outcome(advanceClock(resolved, agentSets({ status: to }))).changes).toEqual({ status: to, resolvedAt: null });
  });

  it("resolving a resolved conversation changes nothing and keeps its first resolution time", () => {
    expect(advanceClock(resolved, agentSets({ status: "resolved" }))).toEqual({ changes: {}, events: [] });
  });

  it.each(["open", "pending"] as const)("asking a %s conversation for the status it has changes nothing", (status) => {
    const state = { ...answered, status };
    expect(advanceClock(state, agentSets({ status }))).toEqual({ changes: {}, events: [] });
  });

  it("leaves the customer's wait and the first response as they are, whatever the status", () => {
    for (const status of CONVERSATION_STATUSES) {
      const req = status === "snoozed" ? { status, snoozedUntil: at(120) } : { status };
      const { changes } = outcome(advanceClock({ ...fresh, status: status === "open" ? "pending" : "open" }, agentSets(req)));
      expect(changes).not.toHaveProperty("waitingSince");
      expect(changes).not.toHaveProperty("firstResponseAt");
      expect(changes).not.toHaveProperty("lastActivityAt");
    }
  });

  it("resolving a snoozed conversation ends its snooze", () => {
    expect(outcome(advanceClock(snoozed, agentSets({ status: "resolved" })))).toMatchObject({
      changes: { status: "resolved", snoozedUntil: null, resolvedAt: NOW },
      events: [{ payload: { changes: { snoozedUntil: { from: at(30).toISOString(), to: null } } } }, { payload: { from: "snoozed", to: "resolved" } }],
    });
  });

  it("with no status nor snooze asked changes nothing", () => {
    expect(advanceClock(snoozed, agentSets({}))).toEqual({ changes: {}, events: [] });
  });
});

describe("snoozing", () => {
  it("snoozes until a time to come, clearing a resolution", () => {
    expect(checked(outcome(advanceClock(resolved, agentSets({ status: "snoozed", snoozedUntil: at(120) }))))).toEqual({
      changes: { status: "snoozed", snoozedUntil: at(120), resolvedAt: null },
      events: [
        {
          type: "conversation.updated",
          payload: { changes: { status: { from: "resolved", to: "snoozed" }, snoozedUntil: { from: null, to: at(120).toISOString() } } },
        },
        { type: "conversation.status_changed", payload: { from: "resolved", to: "snoozed" } },
      ],
    });
  });

  it("a snooze time alone snoozes", () => {
    expect(outcome(advanceClock(answered, agentSets({ snoozedUntil: at(120) }))).changes).toEqual({ status: "snoozed", snoozedUntil: at(120) });
  });

  it("a snooze time with another status is that status, and no snooze", () => {
    expect(outcome(advanceClock(snoozed, agentSets({ status: "pending", snoozedUntil: at(120) }))).changes).toEqual({
      status: "pending",
      snoozedUntil: null,
    });
  });

  it("a null snooze time alone unsnoozes a snoozed conversation, and is nothing to another", () => {
    expect(outcome(advanceClock(snoozed, agentSets({ snoozedUntil: null }))).changes).toEqual({ status: "open", snoozedUntil: null });
    expect(advanceClock(pending, agentSets({ snoozedUntil: null }))).toEqual({ changes: {}, events: [] });
  });

  it("snoozing again to another time moves the wake and is announced as snoozed → snoozed", () => {
    expect(checked(outcome(advanceClock(snoozed, agentSets({ status: "snoozed", snoozedUntil: at(120) }))))).toEqual({
      changes: { snoozedUntil: at(120) },
      events: [
        {
          type: "conversation.updated",
          payload: { changes: { status: { from: "snoozed", to: "snoozed" }, snoozedUntil: { from: at(30).toISOString(), to: at(120).toISOString() } } },
        },
        { type: "conversation.status_changed", payload: { from: "snoozed", to: "snoozed" } },
      ],
    });
  });

  it("snoozing again to the same time changes nothing", () => {
    const later = { ...snoozed, snoozedUntil: at(120) };
    expect(advanceClock(later, agentSets({ status: "snoozed", snoozedUntil: new Date(at(120).getTime()) }))).toEqual({ changes: {}, events: [] });
  });

  it("refuses a snooze without a time, naming the field", () => {
    const refusal = { refused: { path: "snoozedUntil", message: "is required when snoozing", code: "required" } };
    expect(advanceClock(answered, agentSets({ status: "snoozed" }))).toEqual(refusal);
    expect(advanceClock(answered, agentSets({ status: "snoozed", snoozedUntil: null }))).toEqual(refusal);
  });

  it("refuses a time that is now or past, even for a conversation already snoozed", () => {
    const refusal = { refused: { path: "snoozedUntil", message: "must be in the future", code: "not_future" } };
    expect(advanceClock(answered, agentSets({ status: "snoozed", snoozedUntil: NOW }))).toEqual(refusal);
    expect(advanceClock(answered, agentSets({ snoozedUntil: at(59) }))).toEqual(refusal);
    expect(advanceClock({ ...snoozed, snoozedUntil: at(59) }, agentSets({ status: "snoozed", snoozedUntil: at(59) }))).toEqual(refusal);
  });
});

describe("the end of a snooze", () => {
  it("wakes a snoozed conversation whose time has come, as the snooze's end", () => {
    expect(checked(advanceClock(snoozed, { type: "snooze_ended", at: at(30) }))).toEqual({
      changes: { status: "open", snoozedUntil: null },
      events: [
        {
          type: "conversation.updated",
          payload: { changes: { status: { from: "snoozed", to: "open" }, snoozedUntil: { from: at(30).toISOString(), to: null } } },
        },
        { type: "conversation.status_changed", payload: { from: "snoozed", to: "open", reason: "snooze_ended" } },
      ],
    });
  });

  it("leaves the wait, the first response and the last activity", () => {
    const waiting = { ...snoozed, waitingSince: at(1) };
    expect(Object.keys(advanceClock(waiting, { type: "snooze_ended", at: NOW }).changes).sort()).toEqual(["snoozedUntil", "status"]);
  });

  it.each([
    ["no longer snoozed (reopened)", answered],
    ["no longer snoozed (resolved)", resolved],
    ["no longer snoozed (pending)", pending],
    ["snoozed again until later", { ...snoozed, snoozedUntil: at(61) }],
    ["snoozed with no time", { ...snoozed, snoozedUntil: null }],
  ])("does nothing to a conversation %s", (_, state) => {
    expect(advanceClock(state, { type: "snooze_ended", at: NOW })).toEqual({ changes: {}, events: [] });
  });
});

describe("a customer's message after a snooze", () => {
  it("reopens before the wake, and the wake then does nothing", () => {
    const reopened = advanceClock(snoozed, customerWrites({ at: at(20) }));
    const state = { ...snoozed, ...reopened.changes };
    expect(state).toMatchObject({ status: "open", snoozedUntil: null });
    expect(advanceClock(state, { type: "snooze_ended", at: at(30) })).toEqual({ changes: {}, events: [] });
  });
});

describe("messageMoves", () => {
  it("says what a message does without the conversation: set or fill (coalesce) each field", () => {
    expect(messageMoves(customerWrites())).toEqual({
      lastActivityAt: { op: "set", value: NOW },
      status: { op: "set", value: "open" },
      snoozedUntil: { op: "set", value: null },
      resolvedAt: { op: "set", value: null },
      waitingSince: { op: "fill", value: NOW },
    });
    expect(messageMoves(agentReplies())).toEqual({
      lastActivityAt: { op: "set", value: NOW },
      waitingSince: { op: "set", value: null },
      firstResponseAt: { op: "fill", value: NOW },
    });
    expect(messageMoves(agentNotes())).toEqual({ lastActivityAt: { op: "set", value: NOW } });
    expect(messageMoves(customerWrites({ automated: true }))).toEqual({});
  });

  /** What an UPDATE built from the moves leaves in the row: `col = value` or `col = coalesce(col, value)`. */
  function asStatement(state: ConversationClock, moves: ClockMoves): ConversationClock {
    const row: Record<string, unknown> = { ...state };
    for (const [col, move] of Object.entries(moves)) row[col] = move.op === "fill" ? (row[col] ?? move.value) : move.value;
    return row as ConversationClock;
  }

  const states = [fresh, answered, pending, snoozed, resolved, { ...resolved, waitingSince: at(1) }, { ...snoozed, firstResponseAt: null }];
  const messages = [
    customerWrites(),
    customerWrites({ automated: true }),
    agentReplies(),
    agentReplies({ automated: true }),
    agentReplies({ senderType: "system" }),
    agentReplies({ senderType: "bot" }),
    agentNotes(),
  ];
  it("written as a statement, leaves the conversation as advanceClock says, on every state", () => {
    for (const state of states) {
      for (const m of messages) {
        expect(asStatement(state, messageMoves(m))).toEqual({ ...state, ...advanceClock(state, m).changes });
      }
    }
  });
});

describe("changes and events", () => {
  it("name only fields whose value changes, and every event parses as its type", () => {
    const states = [fresh, answered, pending, snoozed, resolved];
    const facts = [
      customerWrites(),
      customerWrites({ automated: true }),
      agentReplies(),
      agentNotes(),
      agentSets({ status: "resolved" }),
      agentSets({ status: "pending" }),
      agentSets({ status: "open" }),
      agentSets({ status: "snoozed", snoozedUntil: at(120) }),
      agentSets({ snoozedUntil: null }),
      { type: "snooze_ended", at: NOW } as const,
    ];
    for (const state of states) {
      for (const fact of facts) {
        const result = outcome(advanceClock(state, fact));
        checked(result);
        for (const [field, value] of Object.entries(result.changes)) {
          expect(value, `${fact.type} on ${state.status}: ${field}`).not.toEqual(state[field as keyof ConversationClock]);
        }
      }
    }
  });
});

describe("how a reply fared", () => {
  const undelivered = (customerWroteAt: Date | null) => ({ type: "reply_delivery" as const, delivered: false, at: NOW, replyAt: at(5), customerWroteAt });
  const delivered = (customerWroteAt: Date | null) => ({ type: "reply_delivery" as const, delivered: true, at: NOW, replyAt: at(5), customerWroteAt });

  it("not delivered, starts the customer's wait again from when they last wrote", () => {
    expect(checked(advanceClock(answered, undelivered(at(1))))).toEqual({
      changes: { waitingSince: at(1) },
      events: [{ type: "conversation.updated", payload: { changes: { waitingSince: { from: null, to: at(1).toISOString() } } } }],
    });
  });

  it("not delivered, counts from the failure when the customer never wrote (a conversation the team started)", () => {
    expect(advanceClock(answered, undelivered(null)).changes).toEqual({ waitingSince: NOW });
  });

  it("not delivered, leaves a wait already running, and the status, the first response and the activity", () => {
    expect(advanceClock(fresh, undelivered(at(0)))).toEqual({ changes: {}, events: [] });
    expect(Object.keys(advanceClock(resolved, undelivered(at(0))).changes)).toEqual(["waitingSince"]);
  });

  it("delivered after all, ends the wait the failure had started again", () => {
    const waiting = { ...answered, waitingSince: at(1) };
    expect(checked(advanceClock(waiting, delivered(at(1))))).toEqual({
      changes: { waitingSince: null },
      events: [{ type: "conversation.updated", payload: { changes: { waitingSince: { from: at(1).toISOString(), to: null } } } }],
    });
  });

  it("delivered, leaves the wait of a customer who wrote after the reply, and a conversation nobody waits on", () => {
    expect(advanceClock({ ...answered, waitingSince: at(7) }, delivered(at(7)))).toEqual({ changes: {}, events: [] });
    expect(advanceClock(answered, delivered(at(1)))).toEqual({ changes: {}, events: [] });
  });
});
