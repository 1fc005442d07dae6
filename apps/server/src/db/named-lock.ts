import { sql } from "drizzle-orm";
import type { Executor } from "./client.js";

/**
 * Holds the lock named `name` until the transaction ends: transactions that take the same name run
 * that part one at a time, the later one seeing what the earlier committed. For a decision made
 * from rows that do not exist yet (a first conversation, the room left in a quota, a free slug),
 * where no row could be locked.
 */
export async function holdNamedLock(tx: Executor, name: string): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${name}, 0))`);
}
