import { useEffect, useState } from "react";
import { useSignedIn } from "../auth/use-session.js";

/** Where this browser keeps an agent's unsent text for a conversation. */
const keyOf = (agentId: string, conversationId: string) => `atende.draft.${agentId}.${conversationId}`;

/**
 * The composer's text for one conversation, kept in this browser until it is sent: moving to another
 * conversation, reloading or closing the tab loses nothing. `clear` forgets it (after sending).
 */
export function useDraft(conversationId: string) {
  const { agent } = useSignedIn();
  const key = keyOf(agent.id, conversationId);
  const [text, setText] = useState(() => localStorage.getItem(key) ?? "");
  useEffect(() => {
    if (text) localStorage.setItem(key, text);
    else localStorage.removeItem(key);
  }, [key, text]);
  const clear = () => {
    localStorage.removeItem(key); // now, not in an effect: the composer may be gone when a send succeeds
    setText("");
  };
  return { text, setText, clear };
}
