import { and, eq, gte, isNull, sql } from "drizzle-orm";
import { anyOf } from "../../db/rows.js";
import type { AttendantFlow, AttendantStep, EventOf, HandoffReason, Locale, MessageButton, VirtualAttendantDto } from "@atende/shared";
import type { Actor, Ctx, Runtime } from "../../core/context.js";
import type { Executor } from "../../db/client.js";
import type { AppError } from "../../lib/app-error.js";
import { defineListener } from "../../core/listener.js";
import { attendantSessions, contacts, conversations, inboxes, messages, workspaces } from "../../db/schema/index.js";
import { someoneOnline } from "../../realtime/presence.js";
import { runAction } from "../conversations/actions.js";
import { appendMessage } from "../messages/service.js";
import { updateContact } from "../contacts/service.js";
import { publicArticleIn } from "../knowledge-base/public.js";
import { suggestQuestion } from "../knowledge-base/question-suggestions.js";
import { answerQuestion, handoffText, modelPhrasing } from "./answer.js";
import { checked, chosen, factOf, flowButton, flowFor, following, optionButtons, say as sayIn, withFact } from "./flows.js";
import { detectLocale } from "@atende/shared";
import { attendantText } from "./text.js";
import { asksForPerson, justGreets, saysNotSolved, soundsFrustrated } from "./wants-person.js";

type Session = typeof attendantSessions.$inferSelect;

/** What a button press means: its value, whatever language its label was in. */
const PERSON = "person";
const SOLVED = "solved";
const NOT_SOLVED = "not_solved";

/** The attendant as the timeline and the events name it: the inbox's attendant by its name. */
function attendantActor(workspaceId: string, settings: VirtualAttendantDto, locale: Locale): Actor {
  return { workspaceId, type: "bot", id: null, name: settings.name, email: "", role: null, locale };
}

/**
 * The conversation as the attendant needs it (none once merged into another): its inbox's
 * attendant, the contact, the workspace; with `lock`, the conversation stays as read until the
 * transaction ends.
 */
async function situation(db: Executor, workspaceId: string, conversationId: string, lock?: "lock") {
  const query = db
    .select({
      assigneeId: conversations.assigneeId,
      settings: inboxes.virtualAttendant,
      contactEmail: contacts.email,
      contactId: contacts.id,
      workspaceSlug: workspaces.slug,
      defaultLocale: workspaces.defaultLocale,
    })
    .from(conversations)
    .innerJoin(inboxes, and(eq(inboxes.workspaceId, conversations.workspaceId), eq(inboxes.id, conversations.inboxId)))
    .innerJoin(contacts, and(eq(contacts.workspaceId, conversations.workspaceId), eq(contacts.id, conversations.contactId)))
    .innerJoin(workspaces, eq(workspaces.id, conversations.workspaceId))
    // A conversation merged into another is the other's now: the attendant leaves it (and speaks in the other, if at all).
    .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.id, conversationId), isNull(conversations.mergedIntoId)));
  const [row] = await (lock ? query.for("update", { of: conversations }) : query);
  return row;
}
type Situation = NonNullable<Awaited<ReturnType<typeof situation>>>;

/** The attendant's record of this conversation, if it ever took it. */
async function sessionOf(db: Executor, workspaceId: string, conversationId: string): Promise<Session | undefined> {
  const [session] = await db
    .select()
    .from(attendantSessions)
    .where(and(eq(attendantSessions.workspaceId, workspaceId), eq(attendantSessions.conversationId, conversationId)));
  return session;
}

/** The attendant's record of a conversation it takes now, in the language the customer wrote in. */
async function startSession(ctx: Ctx, workspaceId: string, conversationId: string, text: string, defaultLocale: Locale): Promise<Session> {
  const [session] = await ctx.tx.insert(attendantSessions).values({ conversationId, workspaceId, status: "active", locale: detectLocale(text, defaultLocale) }).returning();
  if (!session) throw new Error("attendant session insert returned no row");
  return session;
}

/** Changes the attendant's record of a conversation. */
const changeSession = (ctx: Ctx, session: Session, fields: Partial<Session>) =>
  ctx.tx
    .update(attendantSessions)
    .set({ ...fields, updatedAt: new Date() })
    .where(and(eq(attendantSessions.workspaceId, session.workspaceId), eq(attendantSessions.conversationId, session.conversationId)));

/**
 * The language a turn answers in: the session's, or the one a sentence is written in (a button's
 * label, or two words, say too little to change it).
 */
const turnLocale = (text: string, button: string | null, sessionLocale: Locale): Locale =>
  button === null && text.trim().split(/\s+/).length >= 3 ? detectLocale(text, sessionLocale) : sessionLocale;

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
async function pressed(db: Executor, workspaceId: string, conversationId: string, text: string): Promise<string | null> {
  const [last] = await db
    .select({ buttons: messages.buttons })
    .from(messages)
    .where(and(eq(messages.workspaceId, workspaceId), eq(messages.conversationId, conversationId), eq(messages.senderType, "bot")))
    .orderBy(sql`${messages.id} DESC`)
    .limit(1);
  const said = text.trim().toLocaleLowerCase();
  return last?.buttons?.find((b) => b.label.toLocaleLowerCase() === said)?.value ?? null;
}

/** The note that tells the agent who takes over what the customer asked, said and was shown, so they never repeat themselves. */
function handoffNote(session: Session, reason: HandoffReason, locale: Locale, refusal?: string): string {
  const t = (key: Parameters<typeof attendantText>[1], vars?: Record<string, string>) => attendantText(locale, key, vars);
  const list = (items: string[]) => (items.length === 0 ? `- ${t("note.none")}` : items.map((i) => `- ${i}`).join("\n"));
  return [
    t("note.title", { reason: t(`note.reason.${reason}`) }),
    `${t("note.asked")}:\n${list(session.questions)}`,
    ...(session.facts.length > 0 ? [`${t("note.facts")}:\n${list(session.facts.map((f) => `${f.key}: ${f.value}`))}`] : []),
    `${t("note.articles")}:\n${list(session.articles.map((a) => `${a.title} (${a.url})`))}`,
    ...(refusal ? [`${t("note.refused")}:\n- ${refusal}`] : []),
  ].join("\n\n");
}

/**
 * Passes the conversation to a person: tells the customer so (and, with nobody online, how the
 * answer will reach them), hands it off through the catalogue with a note saying what the customer
 * asked, said and was shown, and ends the attendant's session.
 */
async function handOver(
  ctx: Ctx,
  found: Situation,
  settings: VirtualAttendantDto,
  session: Session,
  locale: Locale,
  reason: HandoffReason,
  options: { teamId?: string | undefined; text?: string | undefined; refusal?: string } = {},
): Promise<void> {
  const { workspaceId, conversationId } = session;
  const bot = ctx.as(attendantActor(workspaceId, settings, locale));
  const online = await someoneOnline(ctx.tx, workspaceId, ctx.config.agentAwayMinutes);
  const away = online ? "" : ` ${attendantText(locale, found.contactEmail ? "handoffNobodyOnline" : "handoffAskEmail")}`;
  await appendMessage(bot, conversationId, { body: `${options.text ?? handoffText(locale, reason)}${away}`, kind: "reply", direction: "outgoing", buttons: [] });
  await runAction(bot, conversationId, { type: "hand_off", ...(options.teamId ? { teamId: options.teamId } : {}), note: handoffNote(session, reason, found.defaultLocale, options.refusal) });
  await changeSession(ctx, session, { status: "handed_off", handoffReason: reason, locale, awaiting: null });
}

/**
 * The virtual attendant's turn after a customer's message in a chat inbox that has it on: greets a
 * new conversation, answers from the public knowledge base, asks whether that solved it (yes
 * resolves the conversation as self-service), and hands off to a person — with a note saying what
 * the customer asked and was shown — when asked, when the customer loses patience or says it did
 * not help, or when it does not know twice. It stops for good once a person has the conversation
 * (assigned, or an agent wrote). Its changes are the action catalogue's, made as the attendant.
 */
export async function attend(event: EventOf<"message.created">, ctx: Ctx, phrased?: Phrased): Promise<void> {
  const { workspaceId, conversationId, payload } = event;
  if (!conversationId) return;
  // The conversation stays as read until the turn commits: an agent's reply or assignment at the
  // same moment comes before the turn (which then stops) or after it (and ends the session).
  const found = await situation(ctx.tx, workspaceId, conversationId, "lock");
  const settings = found?.settings;
  if (!found || !settings?.enabled) return;
  const text = payload.message.body;
  const contactId = found.contactId;
  let session = await sessionOf(ctx.tx, workspaceId, conversationId);
  const fresh = !session;
  if (!session) {
    if (found.assigneeId || (await agentReplied(ctx, workspaceId, conversationId, null))) return; // a person already has it
    if (settings.when === "offline" && (await someoneOnline(ctx.tx, workspaceId, ctx.config.agentAwayMinutes))) return;
    session = await startSession(ctx, workspaceId, conversationId, text, found.defaultLocale);
  }
  if (session.status !== "active") return;
  let state: Session = session;
  const remember = (fields: Partial<Session>) => {
    state = { ...state, ...fields };
    return changeSession(ctx, state, fields);
  };
  const stop = (status: Session["status"], fields: Partial<Session> = {}) => remember({ status, ...fields });
  if (!fresh && (found.assigneeId || (await agentReplied(ctx, workspaceId, conversationId, state.createdAt)))) {
    await stop("taken_over", { handoffReason: "agent" });
    return;
  }
  const button = await pressed(ctx.tx, workspaceId, conversationId, text);
  const locale = turnLocale(text, button, state.locale);
  const bot = ctx.as(attendantActor(workspaceId, settings, locale));
  const say = (body: string, buttons: MessageButton[] = [talkToPerson(locale)]) =>
    appendMessage(bot, conversationId, { body, kind: "reply", direction: "outgoing", buttons });
  const handOff = (reason: HandoffReason, to?: { teamId?: string | undefined; text?: string | undefined }) => handOver(ctx, found, settings, state, locale, reason, to);
  const fallback = found.defaultLocale;
  const workspace = { id: workspaceId, slug: found.workspaceSlug };
  /**
   * Walks a flow from `step` through what needs no answer (telling, setting, branching) to the
   * next question, which it asks and waits on; or to a hand-off, or the flow's end.
   */
  const walk = async (flow: AttendantFlow, from: AttendantStep | undefined): Promise<void> => {
    let step = from;
    for (let guard = 0; step && guard < 100; guard++) {
      switch (step.type) {
        case "ask":
          await say(say_(step.text));
          await remember({ awaiting: { kind: "step", flowId: flow.id, stepId: step.id, tries: 0 } });
          return;
        case "buttons":
          await say(say_(step.text), [...optionButtons(step, locale, fallback), talkToPerson(locale)]);
          await remember({ awaiting: { kind: "step", flowId: flow.id, stepId: step.id, tries: 0 } });
          return;
        case "branch": {
          const value = factOf(state.facts, step.on.key)?.toLocaleLowerCase();
          const match = step.cases.find((c) => c.equals.toLocaleLowerCase() === value);
          step = following(flow, step, match?.next ?? step.otherwise);
          break;
        }
        case "say":
          await say(say_(step.text));
          step = following(flow, step, step.next);
          break;
        case "article": {
          const shown = await publicArticleIn(ctx.tx, ctx.config, workspace, step.articleId, locale);
          if (shown) {
            await say(`${shown.title}: ${shown.url}`);
            await remember({ articles: [...state.articles, shown] });
          }
          step = following(flow, step, step.next);
          break;
        }
        case "set":
          if (step.tags) await runAction(bot, conversationId, { type: "add_tags", tags: step.tags });
          if (step.priority) await runAction(bot, conversationId, { type: "set_priority", priority: step.priority });
          if (step.teamId) await runAction(bot, conversationId, { type: "assign_team", teamId: step.teamId });
          step = following(flow, step, step.next);
          break;
        case "hand_off":
          await handOff("flow", { teamId: step.teamId, text: step.text ? say_(step.text) : undefined });
          return;
        case "end":
          if (step.text) await say(say_(step.text));
          step = undefined;
          break;
      }
    }
    // Still walking after so many steps: a loop (saved before loops were refused). A person takes it.
    if (step) {
      await handOff("flow");
      return;
    }
    await remember({ awaiting: null });
  };
  const say_ = (text: Parameters<typeof sayIn>[0]) => sayIn(text, locale, fallback);
  const own = settings.greeting[locale]?.trim();
  const greeting = own ? own : attendantText(locale, "greeting", { name: settings.name });
  /** Keeps an answer: on the contact (a custom attribute) and, either way, among the facts the hand-off note lists. */
  const keep = async (save: { to: "contact" | "conversation"; key: string }, value: string) => {
    if (save.to === "contact" && contactId) await updateContact(bot, contactId, { customAttributes: { [save.key]: value } });
    await remember({ facts: withFact(state.facts, save.key, value) });
  };

  // What the customer asked, for the hand-off note: not a button's words, nor an answer to a flow's question (a fact).
  const asked = button === null && state.awaiting?.kind !== "step" ? [...state.questions, text].slice(-20) : state.questions;
  await remember({ questions: asked, locale });

  if (button === PERSON) return handOff("asked");
  const flows = settings.flows;
  const awaiting = state.awaiting;
  if (awaiting?.kind === "step") {
    const flow = flows.find((f) => f.id === awaiting.flowId);
    const step = flow?.steps.find((x) => x.id === awaiting.stepId);
    if (flow && step && !asksForPerson(text) && !soundsFrustrated(text)) {
      if (step.type === "ask") {
        const value = checked(step.check, text);
        if (value === null) {
          // Asked again, with the step's own words; a third miss goes to a person rather than loop.
          if (awaiting.tries >= 2) return handOff("flow");
          await say(say_(step.reask));
          await remember({ awaiting: { ...awaiting, tries: awaiting.tries + 1 } });
          return;
        }
        await keep(step.save, value);
        return walk(flow, following(flow, step, step.next));
      }
      if (step.type === "buttons") {
        const option = chosen(step, button, text);
        if (option) {
          if (step.save) await keep(step.save, option.value);
          return walk(flow, following(flow, step, option.next));
        }
        await say(say_(step.text), [...optionButtons(step, locale, fallback), talkToPerson(locale)]);
        return;
      }
    }
  }
  const started = flows.find((f) => button === flowButton(f)) ?? (button === null ? flowFor(flows, text, locale) : undefined);
  if (started && !asksForPerson(text)) {
    if (fresh) await say(greeting, []);
    return walk(started, started.steps[0]);
  }
  if (state.awaiting?.kind === "solved") {
    if (button === SOLVED) {
      // What the customer asked, which this article solved: offered to its writers as one of its questions.
      const solvedQuestion = state.questions.at(-1);
      if (solvedQuestion) await suggestQuestion(ctx, { translationId: state.awaiting.articleId, text: solvedQuestion, source: "self_service", conversationId });
      await say(attendantText(locale, "solvedThanks"), []);
      await runAction(bot, conversationId, { type: "set_status", status: "resolved" });
      await stop("resolved", { awaiting: null });
      return;
    }
    if (button === NOT_SOLVED || saysNotSolved(text)) return handOff("not_solved");
  }
  if (fresh) await say(greeting, [...flows.map((f) => ({ label: say_(f.button), value: flowButton(f) })), talkToPerson(locale)]);
  if (justGreets(text)) return; // a hello: greeted back, the question comes next
  // The model's phrasing of this message, asked before this transaction, when it is of this answer; else the plain passage.
  const answer = await answerQuestion(ctx.tx, ctx.config, workspace, text, locale, (p) =>
    Promise.resolve(phrased?.locale === locale && phrased.articleId === p.articleId ? phrased.text : null),
  );
  if (answer.outcome === "handoff") return handOff(answer.reason ?? "asked");
  if (answer.outcome === "answer" && answer.article) {
    await say(answer.reply, [
      { label: attendantText(locale, "solvedYes"), value: SOLVED },
      { label: attendantText(locale, "solvedNo"), value: NOT_SOLVED },
      talkToPerson(locale),
    ]);
    await remember({ awaiting: { kind: "solved", articleId: answer.article.id }, articles: [...state.articles, { title: answer.article.title, url: answer.article.url }] });
    return;
  }
  // Not sure: said plainly, a person offered; not sure again, a person takes it.
  if (state.misses >= 1) return handOff("not_confident");
  await say(answer.reply);
  await remember({ misses: state.misses + 1, awaiting: null, articles: [...state.articles, ...answer.related.map(({ title, url }) => ({ title, url }))] });
}

/** A language model's phrasing of the answer to a customer's message, from one article, in one language. */
type Phrased = { locale: Locale; articleId: string; text: string | null };

/**
 * With a language model, its phrasing of the answer the turn is likely to give, asked before the
 * turn's transaction (a model takes seconds; see `Listener.prepare`), from what is committed. The
 * turn takes it only for the same language and article. Not asked when the attendant is
 * not on this conversation, or the message answers a flow's question, presses a button, starts a
 * flow or only says hello.
 */
async function prepareTurn(event: EventOf<"message.created">, runtime: Runtime): Promise<Phrased | undefined> {
  const { config } = runtime;
  const { workspaceId, conversationId, payload } = event;
  if (!config.llm || !conversationId) return undefined;
  const found = await situation(runtime.db, workspaceId, conversationId);
  if (!found?.settings?.enabled) return undefined;
  const session = await sessionOf(runtime.db, workspaceId, conversationId);
  if (session && (session.status !== "active" || session.awaiting?.kind === "step")) return undefined;
  const text = payload.message.body;
  if (justGreets(text) || (await pressed(runtime.db, workspaceId, conversationId, text)) !== null) return undefined;
  const locale = turnLocale(text, null, session?.locale ?? detectLocale(text, found.defaultLocale));
  if (flowFor(found.settings.flows, text, locale)) return undefined;
  let phrased: Phrased | undefined;
  const phrase = modelPhrasing(config, runtime.log);
  await answerQuestion(runtime.db, config, { id: workspaceId, slug: found.workspaceSlug }, text, locale, async (p) => {
    phrased = { locale, articleId: p.articleId, text: await phrase(p) };
    return phrased.text;
  });
  return phrased;
}

/**
 * A turn a change of the attendant's was refused in (a flow's team since deleted, a contact with no
 * room for the answer): rather than fall silent, it passes the customer to a person, and the note
 * says what it could not do.
 */
async function attendantRefused(event: EventOf<"message.created">, ctx: Ctx, refusal: AppError): Promise<void> {
  const { workspaceId, conversationId, payload } = event;
  if (!conversationId) return;
  const found = await situation(ctx.tx, workspaceId, conversationId, "lock");
  const settings = found?.settings;
  if (!found || !settings?.enabled) return;
  const session = (await sessionOf(ctx.tx, workspaceId, conversationId)) ?? (await startSession(ctx, workspaceId, conversationId, payload.message.body, found.defaultLocale));
  if (session.status !== "active") return;
  await handOver(ctx, found, settings, session, session.locale, "failed", { refusal: refusal.message });
}

/** The attendant's turn after each customer message in a chat conversation, one conversation's messages in order. */
export const attendantTurns = defineListener({
  name: "virtual-attendant.turn",
  applicableEvents: ["message.created"],
  ordered: true,
  when: ({ payload }) => payload.channel === "chat" && payload.message.direction === "incoming" && payload.message.kind === "reply",
  prepare: prepareTurn,
  handle: attend,
  onRefused: attendantRefused,
});

/**
 * A person took the conversation (an agent wrote to the customer, or it was given to an agent): the
 * attendant stops there at once, and its record says so (`taken_over`), for the outcomes.
 */
export const attendantTakenOver = defineListener({
  name: "virtual-attendant.taken-over",
  applicableEvents: ["message.created", "conversation.assigned"],
  when: (event) =>
    event.type === "conversation.assigned"
      ? event.payload.to !== null && event.actor.type === "agent"
      : event.payload.channel === "chat" && event.payload.message.senderType === "agent" && event.payload.message.kind === "reply",
  handleEach: takenOver,
});

/** Ends the attendant's active sessions in these events' conversations (all of one workspace). */
async function takenOver(events: { workspaceId: string; conversationId: string | null }[], ctx: Ctx) {
  const ids = events.flatMap((e) => e.conversationId ?? []);
  if (ids.length === 0) return;
  await ctx.tx
    .update(attendantSessions)
    .set({ status: "taken_over", handoffReason: "agent", awaiting: null, updatedAt: new Date() })
    .where(and(eq(attendantSessions.workspaceId, ctx.actor.workspaceId), anyOf(attendantSessions.conversationId, ids), eq(attendantSessions.status, "active")));
}
