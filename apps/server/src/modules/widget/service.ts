import { createHmac, timingSafeEqual } from "node:crypto";
import { and, desc, eq, ne, sql } from "drizzle-orm";
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
import { agents, chatChannels, chatVisitors, contacts, conversations, messages } from "../../db/schema/index.js";
import { AppError } from "../../lib/app-error.js";
import { isUniqueViolation } from "../../lib/db-errors.js";
import { createSecretBox } from "../../lib/secret-box.js";
import { digest, newSecret } from "../../lib/secret-token.js";
import type { Actor, Ctx, Runtime } from "../context.js";
import { systemActor } from "../context.js";
import { findOrCreateContact } from "../contacts/service.js";
import { createConversation } from "../conversations/service.js";
import { openUploads } from "../attachments/uploads.js";
import { markRead } from "../messages/read-receipts.js";
import { appendMessage, getMessage, listMessages } from "../messages/service.js";
import { describeUserAgent } from "./user-agent.js";

export type Widget = { workspaceId: string; inboxId: string; identitySecret: string; settings: ChatSettings };
export type Visitor = typeof chatVisitors.$inferSelect & { name: string | null; email: string | null };

/** The chat inbox a widget token opens, or NOT_FOUND. */
export async function findWidget(db: Database, widgetToken: string): Promise<Widget> {
  const [row] = await db
    .select({
      workspaceId: chatChannels.workspaceId,
      inboxId: chatChannels.inboxId,
      identitySecret: chatChannels.identitySecret,
      settings: chatChannels.settings,
    })
    .from(chatChannels)
    .where(eq(chatChannels.widgetToken, widgetToken));
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

/** Whether the site proved the user id with the inbox's identity secret. */
function identityProven(runtime: Runtime, widget: Widget, user: NonNullable<StartVisitorSessionBody["user"]>): boolean {
  if (!runtime.config.secretKey) return false;
  const secret = createSecretBox(runtime.config.secretKey).open(widget.identitySecret);
  const expected = createHmac("sha256", secret).update(user.id).digest();
  const given = Buffer.from(user.hash.toLowerCase(), "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
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
  const [row] = await db
    .select({ visitor: chatVisitors, name: contacts.name, email: contacts.email })
    .from(chatVisitors)
    .innerJoin(contacts, eq(contacts.id, chatVisitors.contactId))
    .where(eq(chatVisitors.tokenDigest, digest(token)));
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
    createdAt: m.createdAt,
  };
}

async function visitorTimeline(ctx: Ctx, conversationId: string): Promise<VisitorMessageDto[]> {
  const page = await listMessages(ctx, conversationId, { limit: 200 });
  return page.items.flatMap((m) => toVisitorMessage(m) ?? []);
}

/**
 * Starts or continues a visitor's session. A known visitor token continues its conversation; a
 * user the site proved (`hash`) gets the history of that user on any device; claims without a
 * valid proof are ignored (the visitor stays anonymous). Returns a token for this browser.
 */
export async function startVisitorSession(
  runtime: Runtime,
  widget: Widget,
  body: StartVisitorSessionBody,
): Promise<VisitorSessionDto> {
  const proven = body.user ? identityProven(runtime, widget, body.user) : false;
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
    if (proven && body.user && visitor?.externalUserId !== body.user.id) visitor = null; // another user signed in here
    let token = body.visitorToken ?? "";
    if (!visitor) {
      const [known] = proven && body.user
        ? await ctx.tx
            .select({ contactId: chatVisitors.contactId })
            .from(chatVisitors)
            .where(
              and(
                eq(chatVisitors.workspaceId, widget.workspaceId),
                eq(chatVisitors.inboxId, widget.inboxId),
                eq(chatVisitors.externalUserId, body.user.id),
              ),
            )
            .limit(1)
        : [];
      // A proven user is the company's customer by that e-mail; anyone else starts as a contact of their own.
      const who = proven && body.user ? { name: body.user.name, email: body.user.email } : {};
      const contactId = known?.contactId ?? (await findOrCreateContact(ctx, who)).id;
      token = newSecret("avt");
      const [created] = await ctx.tx
        .insert(chatVisitors)
        .values({
          workspaceId: widget.workspaceId,
          inboxId: widget.inboxId,
          contactId,
          tokenDigest: digest(token),
          externalUserId: proven && body.user ? body.user.id : null,
          context,
        })
        .returning();
      if (!created) throw new Error("visitor insert returned no row");
      visitor = { ...created, name: null, email: null };
    } else {
      // What this page load reports replaces what it says; what it leaves out stays as it was.
      const merged = { ...context, ...(visitor.context ?? {}), ...body.context };
      await ctx.tx.update(chatVisitors).set({ context: merged, lastSeenAt: new Date() }).where(eq(chatVisitors.id, visitor.id));
    }
    if (!proven) await applyPreChat(ctx, visitor, body);
    const [contact] = await ctx.tx
      .select({ name: contacts.name, email: contacts.email, claimedEmail: chatVisitors.claimedEmail })
      .from(contacts)
      .innerJoin(chatVisitors, eq(chatVisitors.id, visitor.id))
      .where(eq(contacts.id, visitor.contactId));
    const conversationId = await currentConversation(ctx, visitor);
    const [online] = await ctx.tx
      .select({ id: agents.id })
      .from(agents)
      .where(and(eq(agents.workspaceId, widget.workspaceId), eq(agents.active, true), eq(agents.availability, "online")))
      .limit(1);
    const { color, greeting, position, preChat, awayMessage } = widget.settings;
    return {
      visitorToken: token,
      identified: proven,
      contact: { name: contact?.name ?? null, email: contact?.email ?? contact?.claimedEmail ?? null },
      widget: { color, greeting, position, preChat, awayMessage },
      agentsOnline: online !== undefined,
      uploadMaxBytes: runtime.config.chatUploadMaxBytes,
      conversation: conversationId ? { id: conversationId, messages: await visitorTimeline(ctx, conversationId) } : null,
    };
  });
}

/**
 * What a visitor wrote in the pre-chat form. Their own contact takes the name and, when no other
 * contact has it, the e-mail. An e-mail another contact has is only remembered for this visitor (to
 * answer there): typing someone's address must never open that person's conversations.
 */
async function applyPreChat(ctx: Ctx, visitor: Visitor, { name, email }: Pick<StartVisitorSessionBody, "name" | "email">): Promise<void> {
  if (!name && !email) return;
  const [contact] = await ctx.tx.select({ name: contacts.name, email: contacts.email }).from(contacts).where(eq(contacts.id, visitor.contactId));
  const changes: { name?: string; email?: string } = {};
  if (name && !contact?.name) changes.name = name;
  if (email && !contact?.email) {
    const [owner] = await ctx.tx
      .select({ id: contacts.id })
      .from(contacts)
      .where(and(eq(contacts.workspaceId, visitor.workspaceId), eq(contacts.email, email)))
      .limit(1);
    if (owner) await ctx.tx.update(chatVisitors).set({ claimedEmail: email }).where(eq(chatVisitors.id, visitor.id));
    else changes.email = email;
  }
  if (Object.keys(changes).length > 0) {
    await ctx.tx.update(contacts).set(changes).where(and(eq(contacts.workspaceId, visitor.workspaceId), eq(contacts.id, visitor.contactId)));
  }
}

/** Records where the visitor is and the attributes the site set (merged into the contact's). */
export async function updateVisitor(runtime: Runtime, visitor: Visitor, body: UpdateVisitorBody): Promise<void> {
  await runtime.transact(visitorActor(visitor), async (ctx) => {
    if (body.context) {
      const context = { ...(visitor.context ?? {}), ...body.context } as VisitorContext;
      // What this page load reports replaces what it says; what it leaves out stays as it was.
      const merged = { ...context, ...(visitor.context ?? {}), ...body.context };
      await ctx.tx.update(chatVisitors).set({ context: merged, lastSeenAt: new Date() }).where(eq(chatVisitors.id, visitor.id));
    }
    if (body.attributes && Object.keys(body.attributes).length > 0) {
      await ctx.tx
        .update(contacts)
        .set({ customAttributes: sql`${contacts.customAttributes} || ${JSON.stringify(body.attributes)}::jsonb` })
        .where(and(eq(contacts.workspaceId, visitor.workspaceId), eq(contacts.id, visitor.contactId)));
    }
  });
}

/** The browsers a contact of the workspace chatted from, most recently seen first (agents' contact panel). */
export async function listContactVisits(ctx: Ctx, contactId: string): Promise<VisitDto[]> {
  const rows = await ctx.tx
    .select()
    .from(chatVisitors)
    .where(and(eq(chatVisitors.workspaceId, ctx.actor.workspaceId), eq(chatVisitors.contactId, contactId)))
    .orderBy(desc(chatVisitors.lastSeenAt))
    .limit(20);
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
  const write = () =>
    runtime.transact(visitorActor(visitor), async (ctx) => {
      const existing = await ctx.tx
        .select({ conversationId: messages.conversationId, id: messages.id })
        .from(messages)
        .innerJoin(conversations, eq(conversations.id, messages.conversationId))
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
        const created = await createConversation(
          ctx,
          { inboxId: visitor.inboxId, contactId: visitor.contactId, message: { body: body.body, direction: "incoming" } },
          { clientId: body.clientId, attachments: files },
        );
        const [first] = await ctx.tx
          .select({ id: messages.id })
          .from(messages)
          .where(and(eq(messages.workspaceId, visitor.workspaceId), eq(messages.conversationId, created.id)));
        return storedMessage(ctx, first?.id ?? "");
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
    return await write();
  } catch (err) {
    if (isUniqueViolation(err)) return write(); // the same message sent twice at once: the second finds the first
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

