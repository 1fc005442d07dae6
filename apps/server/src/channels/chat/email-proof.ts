import { randomInt, timingSafeEqual } from "node:crypto";
import { and, eq, lt, sql } from "drizzle-orm";
import { composeEmailCode, localeOf, type EmailCodeSentDto, type VisitorSessionDto } from "@atende/shared";
import { ownInboxes, sendInboxMail } from "../email/outbound.js";
import { workspaceSender } from "../email/sender.js";
import { chatVisitors, contacts, workspaces } from "../../db/schema/index.js";
import { AppError } from "../../lib/app-error.js";
import { digest } from "../../lib/secret-token.js";
import { systemActor, type Runtime } from "../../core/context.js";
import { mergeContacts } from "../../modules/contacts/merge.js";
import { visitorSession, type Visitor, type Widget } from "./service.js";

/** How long a code may be used, how many tries it allows, and how soon another may be asked for. */
const CODE_TTL_MS = 10 * 60_000;
const CODE_TRIES = 5;
const RESEND_AFTER_MS = 60_000;

const codeDigest = (visitorId: string, code: string) => digest(`${visitorId}:${code}`);

/**
 * Mails the visitor a one-time code at `email`, from the workspace's e-mail inbox, in the visitor's
 * language. A new code replaces the previous one; one a minute at most per visitor.
 */
export async function sendEmailCode(runtime: Runtime, visitor: Visitor, email: string): Promise<EmailCodeSentDto> {
  const { db } = runtime;
  const sender = await workspaceSender(db, visitor.workspaceId);
  if (!sender) throw new AppError("CONFLICT", "This workspace sends no e-mail, so an address cannot be confirmed here.");
  if ((await ownInboxes(db, visitor.workspaceId))(email)) {
    throw AppError.invalidField("email", "is this company's own address; give yours", "own_address"); // Atende never mails itself
  }
  const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
  const expiresAt = new Date(Date.now() + CODE_TTL_MS);
  const [claimed] = await db
    .update(chatVisitors)
    .set({ emailCodeDigest: codeDigest(visitor.id, code), emailCodeFor: email, emailCodeExpiresAt: expiresAt, emailCodeAttempts: 0 })
    .where(
      and(
        eq(chatVisitors.workspaceId, visitor.workspaceId),
        eq(chatVisitors.id, visitor.id),
        sql`(${chatVisitors.emailCodeExpiresAt} IS NULL OR ${chatVisitors.emailCodeExpiresAt} < ${new Date(Date.now() + CODE_TTL_MS - RESEND_AFTER_MS)})`,
      ),
    )
    .returning({ id: chatVisitors.id });
  if (!claimed) throw new AppError("RATE_LIMITED", "A code was sent less than a minute ago; check your e-mail, or ask again in a minute.");
  const [workspace] = await db.select({ name: workspaces.name }).from(workspaces).where(eq(workspaces.id, visitor.workspaceId));
  const { subject, text } = composeEmailCode({ workspace: workspace?.name ?? "Atende", code, locale: localeOf(visitor.context?.language) });
  try {
    await sendInboxMail(runtime, sender.smtp, sender.password, { from: { name: workspace?.name ?? sender.address, address: sender.address }, to: email, subject, text });
  } catch {
    await db.update(chatVisitors).set({ emailCodeDigest: null, emailCodeExpiresAt: null }).where(and(eq(chatVisitors.workspaceId, visitor.workspaceId), eq(chatVisitors.id, visitor.id)));
    throw new AppError("UNAVAILABLE", "The code could not be sent just now; try again in a few minutes.");
  }
  return { email, expiresAt: expiresAt.toISOString() };
}

/**
 * Checks a code the visitor typed. Every try counts, right or wrong (five per code). The right one
 * proves the address: the visitor joins the contact that has it (their own contact merged into
 * it, so their earlier chats and e-mails are one history), or their contact takes it, now proven.
 * Returns the visitor's session as it is now.
 */
export async function confirmEmailCode(
  runtime: Runtime,
  widget: Widget,
  visitor: Visitor,
  visitorToken: string,
  code: string,
): Promise<VisitorSessionDto> {
  const wrong = AppError.invalidField("code", "is not the code we sent, or it expired; ask for a new one", "wrong_code");
  const [pending] = await runtime.db
    .update(chatVisitors)
    .set({ emailCodeAttempts: sql`${chatVisitors.emailCodeAttempts} + 1` })
    .where(and(eq(chatVisitors.workspaceId, visitor.workspaceId), eq(chatVisitors.id, visitor.id), lt(chatVisitors.emailCodeAttempts, CODE_TRIES)))
    .returning({ digest: chatVisitors.emailCodeDigest, email: chatVisitors.emailCodeFor, expiresAt: chatVisitors.emailCodeExpiresAt });
  if (!pending?.digest || !pending.email || !pending.expiresAt || pending.expiresAt.getTime() < Date.now()) throw wrong;
  const [given, expected] = [Buffer.from(codeDigest(visitor.id, code)), Buffer.from(pending.digest)];
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw wrong;
  const email = pending.email;
  return runtime.transact(systemActor(visitor.workspaceId), async (ctx) => {
    const cleared = await ctx.tx
      .update(chatVisitors)
      .set({ emailCodeDigest: null, emailCodeFor: null, emailCodeExpiresAt: null, claimedEmail: email })
      .where(and(eq(chatVisitors.workspaceId, visitor.workspaceId), eq(chatVisitors.id, visitor.id), eq(chatVisitors.emailCodeDigest, pending.digest ?? "")))
      .returning({ contactId: chatVisitors.contactId });
    const contactId = cleared[0]?.contactId;
    if (!contactId) throw wrong; // used by a concurrent confirmation
    const [owner] = await ctx.tx
      .select({ id: contacts.id })
      .from(contacts)
      .where(and(eq(contacts.workspaceId, visitor.workspaceId), eq(contacts.email, email)));
    if (owner && owner.id !== contactId) await mergeContacts(ctx, owner.id, contactId);
    else if (!owner) {
      await ctx.tx
        .update(contacts)
        .set({ email, unverifiedEmail: sql`NULLIF(${contacts.unverifiedEmail}, ${email})` })
        .where(and(eq(contacts.workspaceId, visitor.workspaceId), eq(contacts.id, contactId)));
    }
    return visitorSession(ctx, runtime, widget, visitor.id, visitorToken);
  });
}
