import { useQueryClient } from "@tanstack/react-query";
import { createContext, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from "react";
import { VIEWING_REFRESH_MS } from "@atende/shared";
import { useSignedIn } from "../features/auth/use-session.js";
import { RealtimeConnection } from "./connection.js";

const Context = createContext<RealtimeConnection | null>(null);

/** Opens the tab's live connection while an agent is signed in. */
export function RealtimeProvider({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const session = useSignedIn();
  const [connection] = useState(() => new RealtimeConnection(client, session.agent.id, session.eventCursor));
  useEffect(() => {
    connection.start();
    return () => {
      connection.stop();
    };
  }, [connection]);
  return <Context.Provider value={connection}>{children}</Context.Provider>;
}

export function useRealtime(): RealtimeConnection {
  const connection = useContext(Context);
  if (!connection) throw new Error("useRealtime outside RealtimeProvider");
  return connection;
}

/** Whether the live connection is up, re-rendering when it changes. */
export function useRealtimeOnline(): boolean {
  const connection = useRealtime();
  return useSyncExternalStore(connection.subscribe, () => connection.online);
}

/** Who is writing in a conversation now: teammates (a collision to warn of), and the customer (a chat visitor). */
export function useTypingIn(conversationId: string): { teammates: string[]; customer: string[] } {
  const connection = useRealtime();
  const typing = useSyncExternalStore(connection.subscribe, () => connection.typing);
  const now = typing.filter((x) => x.conversationId === conversationId && x.until > Date.now());
  return { teammates: now.filter((x) => x.who === "agent").map((x) => x.name), customer: now.filter((x) => x.who === "contact").map((x) => x.name) };
}

/** The teammates who have a conversation open now; this tab tells them it has it open too, while it does. */
export function useViewersOf(conversationId: string): string[] {
  const connection = useRealtime();
  useEffect(() => {
    connection.sendViewing(conversationId);
    const again = setInterval(() => {
      connection.sendViewing(conversationId);
    }, VIEWING_REFRESH_MS);
    return () => {
      clearInterval(again);
      connection.sendViewing(null);
    };
  }, [connection, conversationId]);
  const viewers = useSyncExternalStore(connection.subscribe, () => connection.viewers);
  return viewers.filter((x) => x.conversationId === conversationId && x.until > Date.now()).map((x) => x.name);
}
