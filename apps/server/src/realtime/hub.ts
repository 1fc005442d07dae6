import type { DomainEvent, Signal } from "@atende/shared";
import type { EventBus } from "../events/bus.js";

export type Subscriber = { deliver(event: DomainEvent): void; notify?: (signal: Signal) => void };

/**
 * Routes committed events to the sockets that may see them, with one bus subscription per process:
 * agents by workspace, visitors by conversation, so that an event costs the sockets concerned
 * and not every socket of the node.
 */
export function createHub(bus: EventBus) {
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

  return {
    /** Every event of a workspace (agents). */
    watchWorkspace: (workspaceId: string, s: Subscriber) => add(byWorkspace, workspaceId, s),
    /** The events of one conversation (a visitor). */
    watchConversation: (conversationId: string, s: Subscriber) => add(byConversation, conversationId, s),
    /** A contact's new conversations (`conversation.created`), so a visitor can follow them. */
    watchContact: (contactId: string, s: Subscriber) => add(byContact, contactId, s),
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
    },
  };
}

export type Hub = ReturnType<typeof createHub>;
