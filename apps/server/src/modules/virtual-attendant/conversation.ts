import { and, eq, gte, sql } from "drizzle-orm";
import type { EventOf, HandoffReason, Locale, MessageButton, VirtualAttendantDto } from "@atende/shared";
import type { Actor, Ctx } from "../../core/context.js";
import { defineListener } from "../../core/listener.js";
import { attendantSessions, contacts, conversations, inboxes, messages, workspaces } from "../../db/schema/index.js";
import { someoneOnline } from "../../realtime/presence.js";
import { runAction } from "../conversations/actions.js";
import { appendMessage } from "../messages/service.js";
import { answerQuestion, handoffText } from "./answer.js";
import { detectLocale } from "./language.js";
import { attendantText } from "./text.js";
import { saysNotSolved } from "./wants-person.js";

type Session = typeof attendantSessions.$inferSelect;

/** What a button press means: its value, whatever language its label was in. */
const PERSON = "person";
const SOLVED = "solved";
const NOT_SOLVED = "not_solved";

/** The attendant as the timeline and the events name it: the inbox's attendant by its name. */
function attendantActor(workspaceId: string, settings: VirtualAttendantDto, locale: Locale): Actor {
  return { workspaceId, type: "bot", id: null, name: settings.name, email: "", role: null, locale };
}

async function situation(ctx: Ctx, workspaceId: string, conversationId: string) {
  const [row] = await ctx.tx
    .select({
      inboxId: conversations.inboxId,
      assigneeId: conversations.assigneeId,
      status: conversations.status,
      settings: inboxes.virtualAttendant,
      contactEmail: contacts.email,
      workspaceSlug: workspaces.slug,
      defaultLocale: workspaces.defaultLocale,
    })
    .from(conversations)
    .innerJoin(inboxes, eq(inboxes.id, conversations.inboxId))
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .innerJoin(workspaces, eq(workspaces.id, conversations.workspaceId))
    .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.id, conversationId)));
  return row;
}

/** Whether an agent has written to the customer in this conversation since `since`: then a person has it. */
async function agentReplied(ctx: Ctx, workspaceId: string, conversationId: string, since: Date | null): Promise<boolean> {
  const [row] = await ctx.tx
    .select({ id: messages.id })
    .from(messages)
    .where(
      and(
        eq(messages.workspaceId, workspaceId),
        eq(messages.conversationId, conversationId),
        eq(messages.senderType, "agent"),
        eq(messages.kind, "reply"),
        since ? gte(messages.createdAt, since) : undefined,
      ),
    )
    .limit(1);
  return row !== undefined;
}

/** The button under every message of the attendant: a person is always one press away. */
const talkToPerson = (locale: Locale): MessageButton => ({ label: attendantText(locale, "talkToPerson"), value: PERSON });

/** The value of the button the customer pressed: their words are the label of one the attendant offered last. */
async function pressed(ctx: Ctx, workspaceId: string, conversationId: string, text: string): Promise<string | null> {
  const [last] = await ctx.tx
    .select({ buttons: messages.buttons })
    .from(messages)
    .where(and(eq(messages.workspaceId, workspaceId), eq(messages.conversationId, conversationId), eq(messages.senderType, "bot")))
    .orderBy(sql`${messages.id} DESC`)
    .limit(1);
  const said = text.trim().toLocaleLowerCase();
  return last?.buttons?.find((b) => b.label.toLocaleLowerCase() === said)?.value ?? null;
}

/** The note that tells the agent who takes over what the customer asked, said and was shown, so they never repeat themselves. */
function handoffNote(session: Session, reason: HandoffReason, locale: Locale): string {
  const t = (key: Parameters<typeof attendantText>[1], vars?: Record<string, string>) => attendantText(locale, key, vars);
  const list = (items: string[]) => (items.length === 0 ? `- ${t("note.none")}` : items.map((i) => `- ${i}`).join("\n"));
  return [
    t("note.title", { reason: t(`note.reason.${reason}`) }),
    `${t("note.asked")}:\n${list(session.questions)}`,
    ...(session.facts.length > 0 ? [`${t("note.facts")}:\n${list(session.facts.map((f) => `${f.key}: ${f.value}`))}`] : []),
    `${t("note.articles")}:\n${list(session.articles.map((a) => `${a.title} (${a.url})`))}`,
  ].join("\n\n");
}

/**
 * The virtual attendant's turn after a customer's message in a chat inbox that has it on: greets a
 * new conversation, answers from the public knowledge base, asks whether that solved it (yes
 * resolves the conversation as self-service), and hands off to a person — with a note saying what
 * the customer asked and was shown — when asked, when the customer loses patience or says it did
 * not help, or when it does not know twice. It stops for good once a person has the conversation
 * (assigned, or an agent wrote). Its changes are the action catalogue's, made as the attendant.
 */
export async function attend(event: EventOf<"message.created">, ctx: Ctx): Promise<void> {
  const { workspaceId, conversationId, payload } = event;
  if (!conversationId) return;
  const found = await situation(ctx, workspaceId, conversationId);
  const settings = found?.settings;
  if (!found || !settings?.enabled) return;
  const text = payload.message.body;
  let [session] = await ctx.tx.select().from(attendantSessions).where(eq(attendantSessions.conversationId, conversationId));
  const fresh = !session;
  if (!session) {
    if (found.assigneeId || (await agentReplied(ctx, workspaceId, conversationId, null))) return; // a person already has it
    if (settings.when === "offline" && (await someoneOnline(ctx.tx, workspaceId, ctx.config.agentAwayMinutes))) return;
    [session] = await ctx.tx
      .insert(attendantSessions)
      .values({ conversationId, workspaceId, status: "active", locale: detectLocale(text, found.defaultLocale), settingsVersion: settings.version })
      .returning();
    if (!session) throw new Error("attendant session insert returned no row");
  }
  if (session.status !== "active") return;
  const stop = (status: Session["status"], fields: Partial<Session> = {}) =>
    ctx.tx.update(attendantSessions).set({ status, ...fields, updatedAt: new Date() }).where(eq(attendantSessions.conversationId, conversationId));
  if (!fresh && (found.assigneeId || (await agentReplied(ctx, workspaceId, conversationId, session.createdAt)))) {
    await stop("taken_over", { handoffReason: "agent" });
    return;
  }
  const button = await pressed(ctx, workspaceId, conversationId, text);
  // A button's label, or two words, say too little to change the language the customer writes in.
  const locale = button === null && text.trim().split(/\s+/).length >= 3 ? detectLocale(text, session.locale) : session.locale;
  const bot = ctx.as(attendantActor(workspaceId, settings, locale));
  const say = (body: string, buttons: MessageButton[] = [talkToPerson(locale)]) =>
    appendMessage(bot, conversationId, { body, kind: "reply", direction: "outgoing", buttons });
  const handOff = async (reason: HandoffReason, s: Session) => {
    const online = await someoneOnline(ctx.tx, workspaceId, ctx.config.agentAwayMinutes);
    const away = online ? "" : ` ${attendantText(locale, found.contactEmail ? "handoffNobodyOnline" : "handoffAskEmail")}`;
    await say(`${handoffText(locale, reason)}${away}`, []);
    await runAction(bot, conversationId, { type: "hand_off", note: handoffNote(s, reason, found.defaultLocale) });
    await stop("handed_off", { handoffReason: reason, locale });
  };

  const asked = button === null ? [...session.questions, text].slice(-20) : session.questions;
  session = { ...session, questions: asked, locale };
  await ctx.tx.update(attendantSessions).set({ questions: asked, locale, updatedAt: new Date() }).where(eq(attendantSessions.conversationId, conversationId));

  if (button === PERSON) return handOff("asked", session);
  if (session.awaiting?.kind === "solved") {
    if (button === SOLVED) {
      await say(attendantText(locale, "solvedThanks"), []);
      await runAction(bot, conversationId, { type: "set_status", status: "resolved" });
      await stop("resolved", { awaiting: null });
      return;
    }
    if (button === NOT_SOLVED || saysNotSolved(text)) return handOff("not_solved", session);
  }
  if (fresh) await say(attendantText(locale, "greeting", { name: settings.name }));
  const answer = await answerQuestion(ctx.tx, ctx.config, { id: workspaceId, slug: found.workspaceSlug }, text, locale);
  if (answer.outcome === "handoff") return handOff(answer.reason ?? "asked", session);
  if (answer.outcome === "answer" && answer.article) {
    await say(answer.reply, [
      { label: attendantText(locale, "solvedYes"), value: SOLVED },
      { label: attendantText(locale, "solvedNo"), value: NOT_SOLVED },
      talkToPerson(locale),
    ]);
    await ctx.tx
      .update(attendantSessions)
      .set({ awaiting: { kind: "solved", articleId: answer.article.id }, articles: [...session.articles, { title: answer.article.title, url: answer.article.url }] })
      .where(eq(attendantSessions.conversationId, conversationId));
    return;
  }
  // Not sure: said plainly, a person offered; not sure again, a person takes it.
  if (session.misses >= 1) return handOff("not_confident", session);
  await say(answer.reply);
  await ctx.tx.update(attendantSessions).set({ misses: session.misses + 1, awaiting: null }).where(eq(attendantSessions.conversationId, conversationId));
}

/** The attendant's turn after each customer message in a chat conversation, one conversation's messages in order. */
export const attendantTurns = defineListener({
  name: "virtual-attendant.turn",
  applicableEvents: ["message.created"],
  ordered: true,
  when: ({ payload }) => payload.channel === "chat" && payload.message.direction === "incoming" && payload.message.kind === "reply",
  handle: attend,
});
