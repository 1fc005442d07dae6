import type { DomainEvent, Signal } from "@atende/shared";
import type { AccessEnded, EventBus } from "../events/bus.js";
import type { Credential } from "../modules/auth/service.js";

export type Subscriber = {
  deliver(event: DomainEvent): void;
  notify?: (signal: Signal) => void;
  /** Sends what the bus may have missed, from the `event` table. */
  catchUp?: () => Promise<void>;
};

/** How often sockets read what they missed while the bus cannot hear other nodes (Redis away). */
const CATCH_UP_EVERY_MS = 2000;

/** An agent's open socket, by what let it in, and how to close it. */
export type AgentSocket = { agentId: string; credential: Credential; end(): void };

/** Whether a notice of ended access is about the credential a socket was opened with. */
export function endsSocket(notice: AccessEnded, socket: AgentSocket): boolean {
  if (notice.agentId !== socket.agentId) return false;
  if (notice.ended === "all") return true;
  if (notice.ended === "sessions") return socket.credential.kind === "session" && socket.credential.id !== notice.keepSession;
  return notice.credential?.kind === socket.credential.kind && notice.credential.id === socket.credential.id;
}

/**
 * Routes committed events to the sockets that may see them, with one bus subscription per process:
 * agents by workspace, visitors by conversation, so that an event costs the sockets concerned
 * and not every socket of the node.
 */
export function createHub(bus: EventBus, onError: (err: unknown) => void) {
  const byWorkspace = new Map<string, Set<Subscriber>>();
  const byConversation = new Map<string, Set<Subscriber>>();
  const byContact = new Map<string, Set<Subscriber>>();

  const add = (index: Map<string, Set<Subscriber>>, key: string, s: Subscriber) => {
    let set = index.get(key);
    if (!set) index.set(key, (set = new Set()));
    set.add(s);
    return () => {
      set.delete(s);
      if (set.size === 0) index.delete(key);
    };
  };

  const unsubscribe = bus.subscribe((event) => {
    for (const s of byWorkspace.get(event.workspaceId) ?? []) s.deliver(event);
    if (event.conversationId) for (const s of byConversation.get(event.conversationId) ?? []) s.deliver(event);
    const contactId = event.type === "conversation.created" ? event.payload.contactId : undefined;
    if (typeof contactId === "string") for (const s of byContact.get(contactId) ?? []) s.deliver(event);
  });

  const stopSignals = bus.onSignal((signal) => {
    for (const s of byWorkspace.get(signal.workspaceId) ?? []) s.notify?.(signal);
    for (const s of byConversation.get(signal.conversationId) ?? []) s.notify?.(signal);
  });

  // While other nodes cannot be heard, and once when they can again, every socket reads what it missed.
  const catchUpAll = () => {
    const all = new Set<NonNullable<Subscriber["catchUp"]>>();
    for (const index of [byWorkspace, byConversation, byContact]) for (const set of index.values()) for (const s of set) if (s.catchUp) all.add(s.catchUp);
    for (const catchUp of all) {
      catchUp().catch((err: unknown) => {
        onError(err);
      });
    }
  };
  const stopGap = bus.onGap(catchUpAll);
  const poll = setInterval(() => {
    if (!bus.healthy()) catchUpAll();
  }, CATCH_UP_EVERY_MS);
  poll.unref();

  const agentSockets = new Map<string, Set<AgentSocket>>();
  const stopAccess = bus.onAccessEnded((notice) => {
    for (const socket of [...(agentSockets.get(notice.agentId) ?? [])]) if (endsSocket(notice, socket)) socket.end();
  });

  return {
    /** Every event of a workspace (agents). */
    watchWorkspace: (workspaceId: string, s: Subscriber) => add(byWorkspace, workspaceId, s),
    /** The events of one conversation (a visitor). */
    watchConversation: (conversationId: string, s: Subscriber) => add(byConversation, conversationId, s),
    /** A contact's new conversations (`conversation.created`), so a visitor can follow them. */
    watchContact: (contactId: string, s: Subscriber) => add(byContact, contactId, s),
    /** An agent's socket, ended when its credential ends (on any node). */
    trackAgentSocket(socket: AgentSocket): () => void {
      let set = agentSockets.get(socket.agentId);
      if (!set) agentSockets.set(socket.agentId, (set = new Set()));
      set.add(socket);
      return () => {
        set.delete(socket);
        if (set.size === 0) agentSockets.delete(socket.agentId);
      };
    },
    /** Subscriptions on this process (agents' workspaces and visitors' conversations). */
    get size() {
      let n = 0;
      for (const set of byWorkspace.values()) n += set.size;
      for (const set of byConversation.values()) n += set.size;
      return n;
    },
    close: () => {
      unsubscribe();
      stopSignals();
      stopAccess();
      stopGap();
      clearInterval(poll);
    },
  };
}

export type Hub = ReturnType<typeof createHub>;
