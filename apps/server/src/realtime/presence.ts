import { and, eq, gt } from "drizzle-orm";
import type { Database, Executor } from "../db/client.js";
import { agents } from "../db/schema/index.js";

/** At most one write of an agent's activity per this many milliseconds, however many tabs say so. */
const WRITE_EVERY_MS = 30_000;

type Agent = { workspaceId: string; agentId: string };

/**
 * Whether an agent is really there, from their open tabs on this node: a tab in use stamps
 * `agent.seen_at` (at most every WRITE_EVERY_MS), and when the last tab closes the stamp is cleared.
 * The widget counts an agent as online only if they chose "online" and were seen within
 * ATENDE_AGENT_AWAY_MINUTES. (With several nodes, a tab on another node stamps it again within a minute.)
 */
export function createPresence(db: Database, onError: (err: unknown) => void) {
  const tabs = new Map<string, number>();
  const written = new Map<string, number>();
  const stamp = (who: Agent, at: Date | null) =>
    db
      .update(agents)
      .set({ seenAt: at })
      .where(and(eq(agents.workspaceId, who.workspaceId), eq(agents.id, who.agentId)))
      .then(() => undefined, onError);
  return {
    opened(who: Agent): void {
      tabs.set(who.agentId, (tabs.get(who.agentId) ?? 0) + 1);
    },
    active(who: Agent): void {
      const now = Date.now();
      if (now - (written.get(who.agentId) ?? 0) < WRITE_EVERY_MS) return;
      written.set(who.agentId, now);
      void stamp(who, new Date(now));
    },
    closed(who: Agent): void {
      const left = (tabs.get(who.agentId) ?? 1) - 1;
      if (left > 0) {
        tabs.set(who.agentId, left);
        return;
      }
      tabs.delete(who.agentId);
      written.delete(who.agentId);
      void stamp(who, null);
    },
  };
}

export type Presence = ReturnType<typeof createPresence>;

/** Whether an agent of the workspace is online for customers: chose "online" and used a tab within `awayMinutes`. */
export async function someoneOnline(db: Executor, workspaceId: string, awayMinutes: number): Promise<boolean> {
  const [online] = await db
    .select({ id: agents.id })
    .from(agents)
    .where(
      and(
        eq(agents.workspaceId, workspaceId),
        eq(agents.active, true),
        eq(agents.availability, "online"),
        gt(agents.seenAt, new Date(Date.now() - awayMinutes * 60_000)),
      ),
    )
    .limit(1);
  return online !== undefined;
}
