import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { and, desc, eq, isNull, ne, sql, type SQL } from "drizzle-orm";
import {
  agentAvatarPath,
  type ChatSettings,
  type MessageDto,
  type StartVisitorSessionBody,
  type UpdateVisitorBody,
  type VisitDto,
  type VisitorContext,
  type VisitorMessageBody,
  type VisitorMessageDto,
  type VisitorSessionDto,
} from "@atende/shared";
import type { Database, Executor } from "../../db/client.js";
import { chatChannels, chatVisitors, contacts, conversations, inboxes, messages } from "../../db/schema/index.js";
import { AppError } from "../../lib/app-error.js";
import { racedWithAnotherWrite } from "../../lib/db-errors.js";
import { holdNamedLock } from "../../db/named-lock.js";
import { createSecretBox } from "../../lib/secret-box.js";
import { digest, newSecret } from "../../lib/secret-token.js";
import type { Actor, Ctx, Runtime } from "../../core/context.js";
import { systemActor } from "../../core/context.js";
import { findOrCreateContact, loadContact, noteUnverifiedEmail, updateSiteAttributes } from "../../modules/contacts/service.js";
import { workspaceSender } from "../email/sender.js";
import { openConversation } from "../../modules/conversations/service.js";
import { openUploads } from "../../modules/attachments/uploads.js";
import { markRead } from "../../modules/messages/read-receipts.js";
import { appendMessage, getMessage, listMessages } from "../../modules/messages/service.js";
import { someoneOnline } from "../../realtime/presence.js";
import { eventCursorNow } from "../../realtime/replay.js";
import { pageLimit } from "../../db/rows.js";
import { describeUserAgent } from "./user-agent.js";

export type Widget = { workspaceId: string; inboxId: string; identitySecret: string; settings: ChatSettings };
export type Visitor = typeof chatVisitors.$inferSelect & { name: string | null; email: string | null };

const widgetColumns = {
  workspaceId: chatChannels.workspaceId,
  inboxId: chatChannels.inboxId,
  identitySecret: chatChannels.identitySecret,
  settings: chatChannels.settings,
};

/** The chat inbox a widget token opens, or NOT_FOUND. */
export async function findWidget(db: Database, widgetToken: string): Promise<Widget> {
  const [row] = await db.select(widgetColumns).from(chatChannels).where(eq(chatChannels.widgetToken, widgetToken));
  if (!row) throw AppError.notFound("Chat widget");
  return row;
}

/** The widget of a visitor's inbox. */
export async function widgetOf(db: Database, inboxId: string): Promise<Widget> {
  const [row] = await db.select(widgetColumns).from(chatChannels).where(eq(chatChannels.inboxId, inboxId));
  if (!row) throw AppError.notFound("Chat widget");
  return row;
}

/**
 * Whether a browser request may use a widget: requests from Atende's own pages (the widget's
 * frame) and from the sites the inbox allows; requests without an Origin come from no browser.
 */
export function originAllowed(settings: ChatSettings, origin: string | undefined, ownHost: string | undefined): boolean {
  if (!origin) return true;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return false;
  }
  return host === ownHost || settings.allowedOrigins.length === 0 || settings.allowedOrigins.includes(origin);
}

/** A signed-in user of the site whose id the inbox's identity secret proves; their e-mail only if it is signed too. */
export type ProvenUser = { id: string; name: string | undefined; email: string | undefined; emailProven: boolean };

const signedBy = (key: string, value: string, hash: string) => {
  const expected = createHmac("sha256", key).update(value).digest();
  const given = Buffer.from(hash.toLowerCase(), "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
};

/**
 * The key an e-mail's proof is signed with: the SHA-256 (hex) of `atende-email:` and the identity
 * secret. Never the secret itself, which signs ids: a site that signs whatever its users' ids are
 * would otherwise hand a user whose id is `eve:vip@customer.example` a proof of that address.
 */
const emailProofKey = (secret: string) => createHash("sha256").update(`atende-email:${secret}`).digest("hex");

/**
 * What the site proved about its signed-in user with the inbox's identity secret: the id (`hash`),
 * and the e-mail only when `emailHash` signs `<id>\n<email>` with the e-mail key too. Null when the
 * id is not proven.
 */
function provenUser(runtime: Runtime, widget: Widget, user: NonNullable<StartVisitorSessionBody["user"]>): ProvenUser | null {
  if (!runtime.config.secretKey) return null;
  const secret = createSecretBox(runtime.config.secretKey).open(widget.identitySecret);
  if (!signedBy(secret, user.id, user.hash)) return null;
  const emailProven = Boolean(user.email && user.emailHash && signedBy(emailProofKey(secret), `${user.id}\n${user.email}`, user.emailHash));
  return { id: user.id, name: user.name, email: user.email, emailProven };
}

export function visitorActor(visitor: Visitor): Actor {
  return {
    workspaceId: visitor.workspaceId,
    type: "contact",
    id: visitor.contactId,
    name: visitor.name ?? "",
    email: visitor.email ?? "",
    role: null,
    locale: "en",
  };
}

/** The visitor a token stands for, or UNAUTHENTICATED. */
export async function visitorByToken(db: Executor, token: string | undefined): Promise<Visitor> {
  if (!token) throw new AppError("UNAUTHENTICATED", "Start a visitor session first (POST /widget/v1/sessions).");
  return findVisitor(db, eq(chatVisitors.tokenDigest, digest(token)));
}

/** The visitor these conditions find, with its contact's name and e-mail, or UNAUTHENTICATED. */
async function findVisitor(db: Executor, ...which: [SQL, ...SQL[]]): Promise<Visitor> {
  const [row] = await db
    .select({ visitor: chatVisitors, name: contacts.name, email: contacts.email })
    .from(chatVisitors)
    .innerJoin(contacts, and(eq(contacts.workspaceId, chatVisitors.workspaceId), eq(contacts.id, chatVisitors.contactId)))
    .where(and(...which));
  if (!row) throw new AppError("UNAUTHENTICATED", "This visitor token is not known; start a new visitor session.");
  return { ...row.visitor, name: row.name, email: row.email };
}

/** The visitor's current conversation in the widget's inbox: the newest one not resolved. */
async function currentConversation(ctx: Ctx, visitor: Pick<Visitor, "inboxId" | "contactId">): Promise<string | null> {
  const [row] = await ctx.tx
    .select({ id: conversations.id })
    .from(conversations)
    .where(
      and(
        eq(conversations.workspaceId, ctx.actor.workspaceId),
        eq(conversations.inboxId, visitor.inboxId),
        eq(conversations.contactId, visitor.contactId),
        ne(conversations.status, "resolved"),
      ),
    )
    .orderBy(desc(conversations.id))
    .limit(1);
  return row?.id ?? null;
}

/** The conversations a visitor may follow: those of its contact in the widget's inbox. */
export async function visitorConversationIds(db: Database, visitor: Visitor): Promise<string[]> {
  const rows = await db
    .select({ id: conversations.id })
    .from(conversations)
    .where(
      and(
        eq(conversations.workspaceId, visitor.workspaceId),
        eq(conversations.inboxId, visitor.inboxId),
        eq(conversations.contactId, visitor.contactId),
      ),
    );
  return rows.map((r) => r.id);
}

/** What a visitor may see of a message: replies only, the agent by name, nothing internal. Null for notes and activities. */
export function toVisitorMessage(m: MessageDto): VisitorMessageDto | null {
  if (m.kind !== "reply") return null;
  return {
    id: m.id,
    clientId: m.clientId,
    direction: m.direction,
    sender: {
      type: m.senderType,
      name: m.direction === "incoming" ? null : (m.sender?.name ?? null),
      avatarUrl: m.senderType === "agent" && m.sender ? agentAvatarPath(m.sender.id) : null,
    },
    body: m.body,
    attachments: m.attachments
      .filter((a) => a.disposition !== "original")
      .map(({ id, fileName, contentType, size }) => ({ id, fileName, contentType, size })),
    read: m.deliveryStatus === "read",
    buttons: m.buttons,
    createdAt: m.createdAt,
  };
}

async function visitorTimeline(ctx: Ctx, conversationId: string): Promise<VisitorMessageDto[]> {
  // The newest 200, in time order: a long conversation shows its end, where the visitor is.
  const page = await listMessages(ctx, conversationId, { limit: 200, order: "newest" });
  return page.items.reverse().flatMap((m) => toVisitorMessage(m) ?? []);
}

/**
 * The contact a new visitor row stands for. A contact is joined only by what was proven: the site's
 * signed user id (the contact that id chatted as before), or an e-mail the site signed. Anyone else
 * starts as a contact of their own, whatever they claim.
 */
async function contactFor(ctx: Ctx, widget: Widget, user: ProvenUser | null): Promise<string> {
  if (user) {
    // One device of a signed-in user at a time: two at once would each find no contact and make one.
    await holdNamedLock(ctx.tx, `chat-user:${widget.inboxId}:${user.id}`);
    const [known] = await ctx.tx
      .select({ contactId: chatVisitors.contactId })
      .from(chatVisitors)
      .where(and(eq(chatVisitors.workspaceId, widget.workspaceId), eq(chatVisitors.inboxId, widget.inboxId), eq(chatVisitors.externalUserId, user.id)))
      .limit(1);
    if (known) return known.contactId;
    if (user.emailProven && user.email) return (await findOrCreateContact(ctx, { email: user.email, name: user.name })).id;
  }
  const [created] = await ctx.tx.insert(contacts).values({ workspaceId: widget.workspaceId, name: user?.name ?? null }).returning({ id: contacts.id });
  if (!created) throw new Error("contact insert returned no row");
  await ctx.emit({ type: "contact.created", payload: { contactId: created.id } });
  return created.id;
}

/**
 * Starts or continues a visitor's session. A known visitor token continues its conversation; a
 * user the site proved (`hash`) gets the history of that user on any device; claims without a
 * valid proof are ignored (the visitor stays anonymous), and an e-mail nobody proved is kept only
 * as what the visitor said. Returns a token for this browser.
 */
export async function startVisitorSession(
  runtime: Runtime,
  widget: Widget,
  body: StartVisitorSessionBody,
): Promise<VisitorSessionDto> {
  const user = body.user ? provenUser(runtime, widget, body.user) : null;
  const context: VisitorContext = {
    page: null,
    pageTitle: null,
    userAgent: null,
    language: null,
    timeZone: null,
    ...body.context,
  };
  return runtime.transact(systemActor(widget.workspaceId), async (ctx) => {
    let visitor = body.visitorToken ? await visitorByToken(ctx.tx, body.visitorToken).catch(() => null) : null;
    if (visitor && visitor.inboxId !== widget.inboxId) visitor = null;
    if (user && visitor?.externalUserId !== user.id) visitor = null; // another user signed in here
    let token = body.visitorToken ?? "";
    if (!visitor) {
      const contactId = await contactFor(ctx, widget, user);
      token = newSecret("avt");
      const [created] = await ctx.tx
        .insert(chatVisitors)
        .values({
          workspaceId: widget.workspaceId,
          inboxId: widget.inboxId,
          contactId,
          tokenDigest: digest(token),
          externalUserId: user?.id ?? null,
          context,
        })
        .returning();
      if (!created) throw new Error("visitor insert returned no row");
      visitor = { ...created, name: null, email: null };
    } else {
      // What this page load reports replaces what it says; what it leaves out stays as it was.
      const merged = { ...context, ...(visitor.context ?? {}), ...body.context };
      await ctx.tx.update(chatVisitors).set({ context: merged, lastSeenAt: new Date() }).where(and(eq(chatVisitors.workspaceId, visitor.workspaceId), eq(chatVisitors.id, visitor.id)));
    }
    if (user) {
      if (user.email && !user.emailProven) await claimEmail(ctx, visitor, user.email);
    } else {
      await applyPreChat(ctx, visitor, body);
    }
    return visitorSession(ctx, runtime, widget, visitor.id, token);
  });
}

/** What a visitor's widget shows: who they are, the widget's settings, and their current conversation. */
export async function visitorSession(ctx: Ctx, runtime: Runtime, widget: Widget, visitorId: string, token: string): Promise<VisitorSessionDto> {
  const [row] = await ctx.tx
    .select({ visitor: chatVisitors, name: contacts.name, email: contacts.email })
    .from(chatVisitors)
    .innerJoin(contacts, and(eq(contacts.workspaceId, chatVisitors.workspaceId), eq(contacts.id, chatVisitors.contactId)))
    .where(and(eq(chatVisitors.workspaceId, widget.workspaceId), eq(chatVisitors.id, visitorId)));
  if (!row) throw new Error("the visitor vanished in its own transaction");
  const conversationId = await currentConversation(ctx, row.visitor);
  const online = await someoneOnline(ctx.tx, widget.workspaceId, runtime.config.agentAwayMinutes);
  const [inbox] = await ctx.tx.select({ attendant: inboxes.virtualAttendant }).from(inboxes).where(and(eq(inboxes.workspaceId, widget.workspaceId), eq(inboxes.id, widget.inboxId)));
  const attendant = inbox?.attendant?.enabled ? { name: inbox.attendant.name, avatarUrl: inbox.attendant.avatarUrl } : null;
  const { color, greeting, position, preChat, awayMessage } = widget.settings;
  const eventCursor = eventCursorNow(); // before the timeline is read
  return {
    visitorToken: token,
    identified: row.visitor.externalUserId !== null,
    contact: {
      name: row.name,
      email: row.email ?? row.visitor.claimedEmail,
      emailVerified: row.email !== null,
    },
    canVerifyEmail: (await workspaceSender(ctx.tx, widget.workspaceId)) !== null,
    widget: { color, greeting, position, preChat, awayMessage },
    agentsOnline: online,
    attendant,
    uploadMaxBytes: runtime.config.chatUploadMaxBytes,
    conversation: conversationId ? { id: conversationId, messages: await visitorTimeline(ctx, conversationId) } : null,
    eventCursor,
  };
}

/** An e-mail the visitor gave without proof: where unread replies may follow them, and shown to agents as unverified. */
async function claimEmail(ctx: Ctx, visitor: Visitor, email: string): Promise<void> {
  await ctx.tx.update(chatVisitors).set({ claimedEmail: email }).where(and(eq(chatVisitors.workspaceId, visitor.workspaceId), eq(chatVisitors.id, visitor.id)));
  await noteUnverifiedEmail(ctx, visitor.contactId, email);
}

/**
 * What a visitor wrote in the pre-chat form: their own contact takes the name (when it has none);
 * the e-mail proves nothing, so it is only what they said (see {@link claimEmail}): typing someone's
 * address must never open that person's conversations.
 */
async function applyPreChat(ctx: Ctx, visitor: Visitor, { name, email }: Pick<StartVisitorSessionBody, "name" | "email">): Promise<void> {
  if (name) {
    await ctx.tx
      .update(contacts)
      .set({ name })
      .where(and(eq(contacts.workspaceId, visitor.workspaceId), eq(contacts.id, visitor.contactId), isNull(contacts.name)));
  }
  if (email) await claimEmail(ctx, visitor, email);
}

/** Records where the visitor is and the attributes the site set (merged into the contact's). */
export async function updateVisitor(runtime: Runtime, visitor: Visitor, body: UpdateVisitorBody): Promise<void> {
  await runtime.transact(visitorActor(visitor), async (ctx) => {
    if (body.context) {
      // What this page load reports replaces what it says; what it leaves out stays as it was (merged
      // where it is stored, so that two page loads at once each keep what they said).
      const merged = sql`coalesce(${chatVisitors.context}, '{}'::jsonb) || ${JSON.stringify(body.context)}::jsonb`;
      await ctx.tx.update(chatVisitors).set({ context: merged, lastSeenAt: new Date() }).where(and(eq(chatVisitors.workspaceId, visitor.workspaceId), eq(chatVisitors.id, visitor.id)));
    }
    if (body.attributes && Object.keys(body.attributes).length > 0) {
      // Null removes one, and the contact's limits hold; what others wrote is not the page's to change.
      await updateSiteAttributes(ctx, visitor.contactId, body.attributes, "attributes");
    }
  });
}

/** The browsers a contact of the workspace chatted from, most recently seen first (agents' contact panel). */
export async function listContactVisits(ctx: Ctx, contactId: string): Promise<VisitDto[]> {
  await loadContact(ctx, contactId); // NOT_FOUND for a contact that is not the workspace's
  const rows = await ctx.tx
    .select()
    .from(chatVisitors)
    .where(and(eq(chatVisitors.workspaceId, ctx.actor.workspaceId), eq(chatVisitors.contactId, contactId)))
    .orderBy(desc(chatVisitors.lastSeenAt))
    .limit(pageLimit(20));
  return rows.map((v) => ({
    id: v.id,
    inboxId: v.inboxId,
    identified: v.externalUserId !== null,
    claimedEmail: v.claimedEmail,
    context: v.context,
    ...describeUserAgent(v.context?.userAgent ?? null),
    lastSeenAt: v.lastSeenAt.toISOString(),
    createdAt: v.createdAt.toISOString(),
  }));
}

/** Records that the visitor has seen the agents' replies up to `messageId` in its conversations. */
export async function markReadByVisitor(runtime: Runtime, visitor: Visitor, conversationIds: string[], messageId: string): Promise<void> {
  if (!UUID.test(messageId)) return;
  await runtime.transact(visitorActor(visitor), (ctx) => markRead(ctx, conversationIds, messageId));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The visitor's current conversation and its messages. */
export async function visitorMessages(runtime: Runtime, visitor: Visitor): Promise<VisitorSessionDto["conversation"]> {
  return runtime.read(visitorActor(visitor), async (ctx) => {
    const id = await currentConversation(ctx, visitor);
    return id ? { id, messages: await visitorTimeline(ctx, id) } : null;
  });
}

/**
 * Stores a visitor's message in its current conversation (or opens one). The same `clientId` sent
 * again (a retry after a dropped connection) returns the message stored the first time.
 */
export async function postVisitorMessage(runtime: Runtime, visitor: Visitor, body: VisitorMessageBody): Promise<VisitorMessageDto> {
  const files = openUploads(runtime.config, visitor.workspaceId, body.attachments, "attachments");
  const write = (visitor: Visitor) =>
    runtime.transact(visitorActor(visitor), async (ctx) => {
      // One of a customer's chat messages at a time (a widget sends its queue at once, tabs each
      // their own): otherwise each finds no conversation yet, and each opens one.
      await holdNamedLock(ctx.tx, `chat-contact:${visitor.contactId}`);
      const existing = await ctx.tx
        .select({ conversationId: messages.conversationId, id: messages.id })
        .from(messages)
        .innerJoin(conversations, and(eq(conversations.workspaceId, messages.workspaceId), eq(conversations.id, messages.conversationId)))
        .where(
          and(
            eq(messages.workspaceId, visitor.workspaceId),
            eq(messages.clientId, body.clientId),
            eq(conversations.contactId, visitor.contactId),
          ),
        )
        .limit(1);
      const seen = existing[0];
      if (seen) return storedMessage(ctx, seen.id);
      const conversationId = await currentConversation(ctx, visitor);
      if (!conversationId) {
        const created = await openConversation(
          ctx,
          { inboxId: visitor.inboxId, contactId: visitor.contactId, message: { body: body.body, direction: "incoming" } },
          { clientId: body.clientId, attachments: files },
        );
        return storedMessage(ctx, created.message.id);
      }
      const dto = await appendMessage(ctx, conversationId, {
        body: body.body,
        kind: "reply",
        direction: "incoming",
        clientId: body.clientId,
        attachments: files,
      });
      return toVisitorMessage(dto) ?? fail();
    });
  try {
    return await write(visitor);
  } catch (err) {
    // The same message sent twice at once (the second finds the first), or the visitor's contact
    // merged into another meanwhile (the visitor is now the other's): once more.
    if (racedWithAnotherWrite(err)) return write(await findVisitor(runtime.db, eq(chatVisitors.workspaceId, visitor.workspaceId), eq(chatVisitors.id, visitor.id)));
    throw err;
  }
}

function fail(): never {
  throw new Error("a visitor's reply has no visitor view");
}

async function storedMessage(ctx: Ctx, id: string): Promise<VisitorMessageDto> {
  const found = await getMessage(ctx, id);
  return (found && toVisitorMessage(found)) ?? fail();
}

