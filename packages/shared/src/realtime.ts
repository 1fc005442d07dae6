import { z } from "zod";
import { DomainEvent } from "./events.js";
import { VisitorMessageDto } from "./schemas/chat.js";

/**
 * The realtime protocol, one WebSocket per agent tab (and per visitor). After connecting, a client
 * sends `resume` with the id of the last event it has seen (null on a first connection); the server
 * replays what it missed, says `resumed`, then streams events as they commit. Event ids grow with
 * time but two transactions may commit out of id order, so the replay starts a little before the
 * cursor and the client drops what it has already seen ({@link createEventDeduper}).
 */
export const ClientFrame = z.discriminatedUnion("type", [
  z.object({ type: z.literal("resume"), after: z.uuid().nullable() }),
  z.object({ type: z.literal("ping") }),
  /** Someone is writing (or stopped): agents name the conversation; a visitor's is its current one. */
  z.object({ type: z.literal("typing"), conversationId: z.string().max(64).optional(), typing: z.boolean() }),
  /** A visitor has seen the agents' messages up to this one (read receipts). */
  z.object({ type: z.literal("read"), messageId: z.string().max(64) }),
  /** An agent has this conversation open (null: none); said again every VIEWING_REFRESH_MS while it stays open. */
  z.object({ type: z.literal("viewing"), conversationId: z.string().max(64).nullable() }),
  /** The agent is using this tab (a key, a click, a touch): said at most every ACTIVE_EVERY_MS while they are. */
  z.object({ type: z.literal("active") }),
]);

/** How often an agent's tab says they are still there while they use it. */
export const ACTIVE_EVERY_MS = 60_000;
export type ClientFrame = z.infer<typeof ClientFrame>;

/** How often "still typing" is said again while someone keeps typing (the other side forgets it after a while). */
export const TYPING_REPEAT_MS = 3000;

/** A typing report as said last: where, whether, and when. */
export type TypingSaid = { conversationId?: string | undefined; typing: boolean; at: number };

/**
 * Whether a typing report is news worth a frame (and a signal to everyone watching): a start, a stop
 * or another conversation at once; "still typing" at most every TYPING_REPEAT_MS. A key pressed is
 * not news.
 */
export function typingNews(last: TypingSaid | null, next: Omit<TypingSaid, "at">, now: number, repeatMs = TYPING_REPEAT_MS): boolean {
  if (!last || last.typing !== next.typing || last.conversationId !== next.conversationId) return true;
  return next.typing && now - last.at >= repeatMs;
}

/** Who a passing signal is about: an agent or a contact (a chat visitor). */
const Someone = z.object({ type: z.enum(["agent", "contact"]), id: z.string(), name: z.string().nullable() });

export const ServerFrame = z.discriminatedUnion("type", [
  z.object({ type: z.literal("event"), event: DomainEvent }),
  /** What a visitor's socket carries instead of events: the messages it may see, with their event's id. */
  z.object({ type: z.literal("message"), eventId: z.string(), conversationId: z.string(), message: VisitorMessageDto }),
  /**
   * Read receipts on a visitor's socket: `by: "agent"`, an agent has seen the visitor's messages up
   * to `upTo`; `by: "contact"`, the visitor saw the replies up to `upTo` (in another tab).
   */
  z.object({
    type: z.literal("read"),
    eventId: z.string(),
    conversationId: z.string(),
    upTo: z.string(),
    by: z.enum(["agent", "contact"]),
  }),
  /** The replay is over; `complete: false` when more was missed than is replayed: reload state by REST. */
  z.object({ type: z.literal("resumed"), replayed: z.number().int(), complete: z.boolean() }),
  z.object({ type: z.literal("pong") }),
  z.object({
    type: z.literal("typing"),
    conversationId: z.string(),
    by: Someone,
    typing: z.boolean(),
  }),
  /** A teammate opened (or left) a conversation; forgotten after VIEWING_TTL_MS without news. */
  z.object({
    type: z.literal("viewing"),
    conversationId: z.string(),
    by: Someone,
    viewing: z.boolean(),
  }),
  z.object({ type: z.literal("error"), code: z.string(), message: z.string() }),
]);
export type ServerFrame = z.infer<typeof ServerFrame>;

/** How often an agent's tab says again which conversation it shows, and how long others believe it. */
/** The close code of an agent's socket whose session or token ended (or whose role changed): sign in again, or reload. */
export const ACCESS_ENDED_CLOSE = 4001;

export const VIEWING_REFRESH_MS = 20_000;
export const VIEWING_TTL_MS = 45_000;

/** How far before the client's cursor a replay starts, to catch transactions that committed late. */
export const REPLAY_OVERLAP_MS = 10_000;

/** The most events one replay sends; past that the client reloads by REST. */
export const REPLAY_LIMIT = 1000;

/**
 * What a client keeps to show each event once across reconnections: the ids it has seen (the most
 * recent `capacity`) and the cursor to resume from (the greatest id seen). `from`, the `eventCursor`
 * of the answer the client read its state from, is the first cursor, and what happened before it is
 * known already (the replay reaches a little further back, for changes committed out of order).
 */
export function createEventDeduper(capacity = 5000, from: string | null = null) {
  const seen = new Set<string>();
  let cursor: string | null = from;
  return {
    /** True the first time an event id is offered, after `from`; false for a repeat or an earlier one. */
    accept(id: string): boolean {
      if (seen.has(id) || (from !== null && id < from)) return false;
      seen.add(id);
      if (seen.size > capacity) {
        const oldest = seen.values().next().value;
        if (oldest !== undefined) seen.delete(oldest);
      }
      if (cursor === null || id > cursor) cursor = id;
      return true;
    },
    get cursor(): string | null {
      return cursor;
    },
  };
}

/** The smallest UUIDv7 of the millisecond `ms`: the lower bound of ids created from then on. */
export function uuidv7Floor(ms: number): string {
  const hex = Math.max(0, Math.floor(ms)).toString(16).padStart(12, "0");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7000-8000-000000000000`;
}

/** The millisecond a UUIDv7 was made in, or null for anything else. */
export function uuidv7Time(id: string): number | null {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i.test(id)) return null;
  return parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
}

/** A passing signal, not stored: who is typing where, or who has which conversation open. Crosses nodes like events do. */
export const Signal = z.object({
  workspaceId: z.string(),
  conversationId: z.string(),
  by: Someone,
  kind: z.enum(["typing", "viewing"]),
  /** Started (true) or stopped (false). */
  on: z.boolean(),
});
export type Signal = z.infer<typeof Signal>;
