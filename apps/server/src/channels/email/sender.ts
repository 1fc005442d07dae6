import { and, asc, eq, isNotNull } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { emailChannels, inboxes } from "../../db/schema/index.js";

type SmtpSettings = NonNullable<typeof emailChannels.$inferSelect.smtp>;

/** An e-mail inbox the workspace can send from: its address and outgoing server. */
export type WorkspaceSender = { inboxId: string; address: string; smtp: SmtpSettings; password: string | null };

/**
 * Where the workspace's mail that belongs to no e-mail conversation goes out from (chat replies a
 * visitor left unread, one-time codes): its first e-mail inbox by name with a proven address (where
 * answers arrive) and an outgoing server.
 */
export async function workspaceSender(db: Executor, workspaceId: string): Promise<WorkspaceSender | null> {
  const rows = await db
    .select({ inboxId: emailChannels.inboxId, address: emailChannels.address, smtp: emailChannels.smtp, password: emailChannels.smtpPassword })
    .from(emailChannels)
    .innerJoin(inboxes, and(eq(inboxes.workspaceId, emailChannels.workspaceId), eq(inboxes.id, emailChannels.inboxId)))
    .where(and(eq(emailChannels.workspaceId, workspaceId), isNotNull(emailChannels.verifiedAt)))
    .orderBy(asc(inboxes.name));
  const row = rows.find((r) => r.smtp !== null);
  return row?.smtp ? { ...row, smtp: row.smtp } : null;
}
