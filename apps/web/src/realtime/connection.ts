import type { QueryClient } from "@tanstack/react-query";
import { ACCESS_ENDED_CLOSE, ACTIVE_EVERY_MS, createEventDeduper, ServerFrame, typingNews, VIEWING_TTL_MS, type DomainEvent, type TypingSaid } from "@atende/shared";
import { conversationKeys, withMessages, withNewMessage, type LoadedTimeline } from "../features/conversations/queries.js";

/** A teammate (or, typing, the customer) in a conversation, until a moment unless they say so again. */
type Presence = { conversationId: string; id: string; who: "agent" | "contact"; name: string; until: number };
type Listener = () => void;

/** What counts as the agent using the tab. */
const ACTIVITY = ["pointerdown", "keydown", "wheel", "touchstart", "focus"] as const;

/** The presences still current, without the one `same` picks out, plus `fresh` when given. */
function renewed(list: Presence[], same: (x: Presence) => boolean, fresh: Presence | null): Presence[] {
  const now = Date.now();
  const kept = list.filter((x) => !same(x) && x.until > now);
  return fresh ? [...kept, fresh] : kept;
}

/**
 * The agents' live connection (`/api/v1/realtime`, the session's cookie): one per tab. It resumes
 * from the last event it saw after any drop, so nothing is missed and nothing shows twice, and turns
 * events into fresh data: a new message lands in its timeline at once; lists and counts refetch.
 */
export class RealtimeConnection {
  private socket: WebSocket | null = null;
  private readonly deduper: ReturnType<typeof createEventDeduper>;
  private retry = 0;
  private stopped = false;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  /** Whether an event came since the last refetch (see `refresh`). */
  private refreshDue = false;
  /** Timelines to read again at the next refetch. */
  private readonly timelinesDue = new Set<string>();
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly listeners = new Set<Listener>();
  private readonly eventListeners = new Set<(event: DomainEvent) => void>();
  /** Teammates and customers typing, by conversation. */
  typing: Presence[] = [];
  /** Teammates with a conversation open. */
  viewers: Presence[] = [];
  private viewing: string | null = null;
  online = false;

  /**
   * `from`: the session's `eventCursor`. The first connection resumes from there, so what happened
   * while the screens were first read reaches them too.
   */
  constructor(
    private readonly client: QueryClient,
    private readonly me: string,
    from: string,
  ) {
    this.deduper = createEventDeduper(5000, from);
  }

  start(): void {
    this.stopped = false;
    for (const type of ACTIVITY) window.addEventListener(type, this.noticeActivity, { passive: true, capture: true });
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    for (const type of ACTIVITY) window.removeEventListener(type, this.noticeActivity, { capture: true });
    clearTimeout(this.reconnectTimer);
    clearTimeout(this.refreshTimer);
    this.refreshTimer = undefined;
    this.refreshDue = false; // a connection started again reads everything afresh on its own resume
    this.timelinesDue.clear();
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      socket.onclose = null; // a stopped connection does not come back
      socket.close();
    }
  }

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  onEvent(listener: (event: DomainEvent) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  /** Tells teammates which conversation this tab shows (null: none); said again on every reconnection. */
  sendViewing(conversationId: string | null): void {
    this.viewing = conversationId;
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify({ type: "viewing", conversationId }));
  }

  private typingSaid: TypingSaid | null = null;

  /** Tells teammates this agent is (or stopped) writing in a conversation: what is news, not every key. */
  sendTyping(conversationId: string, typing: boolean): void {
    if (this.socket?.readyState !== WebSocket.OPEN || !typingNews(this.typingSaid, { conversationId, typing }, Date.now())) return;
    this.typingSaid = { conversationId, typing, at: Date.now() };
    this.socket.send(JSON.stringify({ type: "typing", conversationId, typing }));
  }

  private activeSaid = 0;

  /**
   * The agent used this tab: say so (at most every ACTIVE_EVERY_MS), so the widget tells visitors
   * someone is there only while someone is; a tab left alone lets them go away by themselves.
   */
  private readonly noticeActivity = (): void => {
    if (document.visibilityState !== "visible" || Date.now() - this.activeSaid < ACTIVE_EVERY_MS) return;
    if (this.socket?.readyState !== WebSocket.OPEN) return;
    this.activeSaid = Date.now();
    this.socket.send(JSON.stringify({ type: "active" }));
  };

  private changed(): void {
    for (const listener of this.listeners) listener();
  }

  private connect(): void {
    const ws = new WebSocket(`${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/api/v1/realtime`);
    this.socket = ws;
    const ping = setInterval(() => {
      if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ type: "ping" }));
      else if (this.socket !== ws) clearInterval(ping);
    }, 20_000);
    ws.onopen = () => {
      this.retry = 0;
      ws.send(JSON.stringify({ type: "resume", after: this.deduper.cursor }));
      if (this.viewing) ws.send(JSON.stringify({ type: "viewing", conversationId: this.viewing }));
      this.activeSaid = 0; // a new connection (this node may not know the agent yet) hears it at once
      this.noticeActivity();
    };
    ws.onmessage = (e: MessageEvent<string>) => {
      const parsed = ServerFrame.safeParse(JSON.parse(e.data));
      if (parsed.success) this.handle(parsed.data);
    };
    ws.onclose = (e) => {
      clearInterval(ping);
      this.socket = null;
      this.online = false;
      this.changed();
      if (this.stopped) return;
      // The session ended, or the agent's role changed: refetching shows the sign-in page, or what the new role may see.
      if (e.code === ACCESS_ENDED_CLOSE) void this.client.invalidateQueries();
      this.retry += 1;
      this.reconnectTimer = setTimeout(() => {
        this.connect();
      }, Math.min(10_000, 500 * 2 ** this.retry));
    };
  }

  private handle(frame: ServerFrame): void {
    if (frame.type === "resumed") {
      this.online = true;
      this.changed();
      if (!frame.complete) void this.client.invalidateQueries(); // missed more than a replay holds: reload everything
      return;
    }
    if (frame.type === "typing") {
      const { conversationId, by } = frame;
      if (by.type === "agent" && by.id === this.me) return;
      const fresh = { conversationId, id: by.id, who: by.type, name: by.name ?? "", until: Date.now() + 8000 };
      this.typing = renewed(this.typing, (x) => x.conversationId === conversationId && x.id === by.id, frame.typing ? fresh : null);
      this.changed();
      return;
    }
    if (frame.type === "viewing") {
      const { conversationId, by } = frame;
      if (by.type !== "agent" || by.id === this.me) return;
      const fresh = { conversationId, id: by.id, who: by.type, name: by.name ?? "", until: Date.now() + VIEWING_TTL_MS };
      this.viewers = renewed(this.viewers, (x) => x.id === by.id, frame.viewing ? fresh : null); // one conversation open per teammate
      this.changed();
      return;
    }
    if (frame.type !== "event" || !this.deduper.accept(frame.event.id)) return;
    this.apply(frame.event);
  }

  private apply(event: DomainEvent): void {
    for (const listener of this.eventListeners) listener(event);
    if (event.type.startsWith("article.")) return; // the knowledge base's (its listener refreshes it), no conversation's
    const id = event.conversationId;
    if (event.type === "message.created" && id) {
      const { message } = event.payload;
      this.client.setQueryData<LoadedTimeline>(conversationKeys.messages(id), (loaded) => withNewMessage(loaded, message));
      this.typing = this.typing.filter((x) => !(x.conversationId === id && message.sender?.id === x.id));
      this.changed();
    } else if (event.type === "message.read" && id) {
      // Receipts change messages already shown: mark them here rather than reload the timeline.
      const upTo = event.payload.upTo;
      const direction = event.payload.by === "contact" ? "outgoing" : "incoming";
      this.client.setQueryData<LoadedTimeline>(conversationKeys.messages(id), (loaded) =>
        withMessages(loaded, (messages) =>
          messages.map((m) => (m.direction === direction && m.kind === "reply" && m.id <= upTo ? { ...m, deliveryStatus: "read" } : m)),
        ),
      );
      return; // nothing else changed
    } else if (id) {
      this.timelinesDue.add(id); // an activity line or an edit: the timeline is read again
    }
    this.refresh();
  }

  /**
   * Conversations, their lists and counts (and the timelines `timelinesDue` names) refetch at once
   * on a first event, then at most once every half second however many events arrive: a burst of
   * messages in an open conversation costs one read at once and one per half second it lasts, not
   * one per message.
   */
  private refresh(): void {
    this.refreshDue = true;
    if (!this.refreshTimer) this.refreshNow();
  }

  private refreshNow(): void {
    if (!this.refreshDue) {
      this.refreshTimer = undefined; // nothing came in the last half second
      return;
    }
    this.refreshDue = false;
    void this.client.invalidateQueries({ queryKey: conversationKeys.all }); // lists, counts and each conversation
    for (const id of this.timelinesDue) void this.client.invalidateQueries({ queryKey: conversationKeys.messages(id) });
    this.timelinesDue.clear();
    this.refreshTimer = setTimeout(() => { this.refreshNow(); }, 500);
  }
}
