import { count } from "drizzle-orm";
import type { Executor } from "../db/client.js";
import { workspaces } from "../db/schema/index.js";

/**
 * Whether the installation holds more than one workspace: then its `auto` settings (address proof,
 * private networks) guard each workspace from the others.
 */
export async function hasSeveralWorkspaces(db: Executor): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(workspaces);
  return (row?.n ?? 0) > 1;
}
