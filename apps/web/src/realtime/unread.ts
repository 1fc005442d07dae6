/**
 * Conversations of mine with customer messages I have not seen in this tab: the badge on Mine and
 * the count in the tab's title. Opening a conversation clears it.
 */
const unread = new Set<string>();
const listeners = new Set<() => void>();
let snapshot: readonly string[] = [];

function changed(): void {
  snapshot = [...unread];
  document.title = unread.size > 0 ? `(${String(unread.size)}) Atende` : "Atende";
  for (const listener of listeners) listener();
}

export const unreadStore = {
  add: (conversationId: string): void => {
    if (unread.has(conversationId)) return;
    unread.add(conversationId);
    changed();
  },
  seen: (conversationId: string): void => {
    if (unread.delete(conversationId)) changed();
  },
  subscribe: (listener: () => void): (() => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  snapshot: (): readonly string[] => snapshot,
};
