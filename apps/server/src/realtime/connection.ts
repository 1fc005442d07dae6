import type { FastifyBaseLogger } from "fastify";
import type { WebSocket } from "@fastify/websocket";
import { v7 as uuidv7 } from "uuid";
import { ClientFrame, TYPING_REPEAT_MS, typingNews, type DomainEvent, type ServerFrame, type Signal, type TypingSaid } from "@atende/shared";
import type { Subscriber } from "./hub.js";

/** How often the server pings; a socket that has not answered the previous ping by then is dropped. */
export const HEARTBEAT_MS = 25_000;
/** How long events wait for the client's `resume` before it is taken to want only what is new. */
const RESUME_WAIT_MS = 5_000;
/** Events held while a client has not resumed yet; more means it is not reading. */
const HELD_MAX = 1000;

export type Replay = (after: string | null) => Promise<{ events: DomainEvent[]; complete: boolean }>;

/** How many sent event ids a socket remembers, so that a catch-up sends none twice. */
const SENT_REMEMBERED = 2000;

/**
 * Frames a client may send: a burst of FRAME_BURST, then FRAMES_PER_SECOND. Our clients send a few a
 * minute (typing when it is news, activity once a minute); a socket past this is flooding, and is
 * closed with 1008. Of its typing frames, only news (`typingNews`) goes on to everyone watching.
 */
const FRAME_BURST = 60;
const FRAMES_PER_SECOND = 10;

/**
 * A client is not reading when more than UNSENT_MAX_BYTES it was sent have waited for it for
 * STALLED_MS: its socket is dropped, so that memory does not grow with it. A replay's burst, or a
 * slow link, drains within that time; a client that comes back resumes from the event table and
 * misses nothing.
 */
export const UNSENT_MAX_BYTES = 8 * 1024 * 1024;
export const STALLED_MS = 10_000;

/**
 * One client's socket: heartbeats, frames checked against the protocol, and the resume handshake.
 * Live events that arrive before the replay has been sent are held and sent after it, without
 * those the replay already carried, so a client sees each event once and in order.
 */
export function serveConnection(
  socket: WebSocket,
  opts: {
    replay: Replay;
    /** Subscribes this socket; `catchUp` sends what the bus may have missed (from the `event` table). */
    watch: (subscriber: Subscriber) => () => void;
    /** What of an event this client receives: a frame, or nothing. */
    project: (event: DomainEvent) => ServerFrame | null;
    /** Whether this client hears a signal (not its own typing, not another workspace's). */
    hears: (signal: Signal) => boolean;
    /** The client says it is typing, or stopped. */
    onTyping: (frame: Extract<ClientFrame, { type: "typing" }>) => void;
    /** The client has read up to a message (visitors); agents' sockets ignore it. */
    onRead?: (messageId: string) => Promise<void>;
    /** The client shows a conversation, or none (agents); visitors' sockets ignore it. */
    onViewing?: (conversationId: string | null) => void;
    /** The agent is using the tab (agents); visitors' sockets ignore it. */
    onActive?: () => void;
    /** The socket closed. */
    onClose?: () => void;
    log: FastifyBaseLogger;
  },
): void {
  const send = (frame: ServerFrame | null) => {
    if (!frame || socket.readyState !== socket.OPEN) return;
    const unsent = socket.bufferedAmount;
    // Over the mark, and nothing taken since it went over (what waits grew by all that was sent
    // since): a client that reads takes some, and starts the count again.
    if (unsent <= UNSENT_MAX_BYTES) stalled = null;
    else if (stalled === null || unsent - stalled.unsent < stalled.sent) stalled = { since: Date.now(), unsent, sent: 0 };
    else if (Date.now() - stalled.since > STALLED_MS) {
      opts.log.info({ unsent }, "a realtime client is not reading: dropped");
      socket.terminate();
      return;
    }
    const text = JSON.stringify(frame);
    if (stalled) stalled.sent += Buffer.byteLength(text); // counted only while over the mark
    socket.send(text);
  };
  // While over the mark: since when, what waited then, and what was sent since.
  let stalled: { since: number; unsent: number; sent: number } | null = null;
  let typingSaid: TypingSaid | null = null;
  // The frames this client may still send now (a token bucket: FRAME_BURST, refilled FRAMES_PER_SECOND).
  let allowance = FRAME_BURST;
  let allowanceAt = Date.now();
  const mayReceive = (): boolean => {
    const now = Date.now();
    allowance = Math.min(FRAME_BURST, allowance + ((now - allowanceAt) / 1000) * FRAMES_PER_SECOND);
    allowanceAt = now;
    if (allowance < 1) return false;
    allowance -= 1;
    return true;
  };
  // The newest event sent (or, until one is, this moment), and the ids sent lately.
  let cursor = uuidv7();
  const sent = new Set<string>();
  const sendEvent = (event: DomainEvent) => {
    if (sent.has(event.id)) return;
    sent.add(event.id);
    if (sent.size > SENT_REMEMBERED) sent.delete(sent.values().next().value ?? "");
    if (event.id > cursor) cursor = event.id;
    send(opts.project(event));
  };
  let held: DomainEvent[] | null = [];
  const deliver = (event: DomainEvent) => {
    if (held === null) sendEvent(event);
    else if (held.length < HELD_MAX) held.push(event);
    else socket.close(1008, "not reading");
  };
  /** What the bus may have missed (Redis was away): the events since the cursor, from the table. */
  const catchUp = async () => {
    if (held !== null) return; // the resume's replay will send them
    const missed = await opts.replay(cursor);
    for (const event of missed.events) sendEvent(event);
  };
  const notify = (signal: Signal) => {
    if (!opts.hears(signal)) return;
    const { conversationId, by, on } = signal;
    send(signal.kind === "typing" ? { type: "typing", conversationId, by, typing: on } : { type: "viewing", conversationId, by, viewing: on });
  };
  const stopWatching = opts.watch({ deliver, notify, catchUp });

  const goLive = (alreadySent: Set<string>) => {
    const waiting = held ?? [];
    held = null;
    for (const event of waiting) if (!alreadySent.has(event.id)) sendEvent(event);
  };
  const liveAnyway = setTimeout(() => {
    goLive(new Set());
  }, RESUME_WAIT_MS);

  let resumed = false;
  const resume = async (after: string | null) => {
    if (resumed) {
      send({ type: "error", code: "BAD_REQUEST", message: "resume is sent once, first" });
      return;
    }
    resumed = true;
    clearTimeout(liveAnyway);
    const replay = held === null ? { events: [], complete: true } : await opts.replay(after);
    for (const event of replay.events) sendEvent(event);
    send({ type: "resumed", replayed: replay.events.length, complete: replay.complete });
    goLive(new Set(replay.events.map((e) => e.id)));
  };

  let alive = true;
  const heartbeat = setInterval(() => {
    if (!alive) {
      socket.terminate();
      return;
    }
    alive = false;
    socket.ping();
  }, HEARTBEAT_MS);
  socket.on("pong", () => {
    alive = true;
  });

  socket.on("message", (raw: Buffer) => {
    alive = true;
    if (!mayReceive()) {
      if (socket.readyState === socket.OPEN) socket.close(1008, "too many frames; slow down");
      return;
    }
    let frame: ClientFrame;
    try {
      frame = ClientFrame.parse(JSON.parse(raw.toString("utf8")));
    } catch {
      send({ type: "error", code: "BAD_REQUEST", message: "not a frame of the Atende realtime protocol" });
      return;
    }
    if (frame.type === "ping") send({ type: "pong" });
    else if (frame.type === "typing") {
      if (!typingNews(typingSaid, frame, Date.now(), TYPING_REPEAT_MS - 500)) return; // a client's repeat that came a little early still counts
      typingSaid = { conversationId: frame.conversationId, typing: frame.typing, at: Date.now() };
      opts.onTyping(frame);
    }
    else if (frame.type === "viewing") opts.onViewing?.(frame.conversationId);
    else if (frame.type === "active") opts.onActive?.();
    else if (frame.type === "read") {
      opts.onRead?.(frame.messageId).catch((err: unknown) => {
        opts.log.warn({ err }, "recording a read receipt failed");
      });
    } else {
      resume(frame.after).catch((err: unknown) => {
        opts.log.warn({ err }, "realtime replay failed");
        socket.close(1011, "replay failed, reconnect");
      });
    }
  });
  socket.on("close", () => {
    clearInterval(heartbeat);
    clearTimeout(liveAnyway);
    stopWatching();
    opts.onClose?.();
  });
}
