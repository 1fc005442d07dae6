import type { ConversationDto, DomainEvent, InboxDto } from "@atende/shared";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { rowsOf } from "../db/rows.js";
import { MODULES } from "../modules/index.js";
import { reopenableDatabase, TEST_ENGINE } from "../test/database.js";
import { buildTestApp, newWorkspace, signIn, type AgentClient, type TestApp } from "../test/test-app.js";
import { AppError } from "../lib/app-error.js";
import { defineListener } from "./listener.js";
import { defineModule } from "./module.js";
import { OUTBOX_LOCK } from "./outbox.js";

/** What the test listeners heard, across every process of a test (they share this test's memory). */
const heard: { listener: string; event: DomainEvent }[] = [];
/** How many times the failing listener was called for each event. */
const attempts = new Map<string, number>();

const recording = defineListener({
  name: "test.recording",
  applicableEvents: ["message.created", "conversation.created", "conversation.updated", "conversation.status_changed", "conversation.assigned"],
  async handle(event) {
    heard.push({ listener: "recording", event });
  },
});

/** Fails the first three times it is given each event, then succeeds. */
const flaky = defineListener({
  name: "test.flaky",
  applicableEvents: ["conversation.created"],
  async handle(event) {
    const n = (attempts.get(event.id) ?? 0) + 1;
    attempts.set(event.id, n);
    if (n <= 3) throw new Error(`failing on purpose (${String(n)})`);
    heard.push({ listener: "flaky", event });
  },
});

/** Takes a while per event, and wants one conversation's events in order. */
const ordered = defineListener({
  name: "test.ordered",
  applicableEvents: ["message.created"],
  ordered: true,
  when: (event) => event.payload.message.kind === "reply" && event.payload.message.direction === "outgoing",
  async handle(event) {
    await new Promise((r) => setTimeout(r, 5));
    heard.push({ listener: "ordered", event });
  },
});

/** Always fails: retried, then parked with its error. */
const broken = defineListener({
  name: "test.broken",
  applicableEvents: ["conversation.created"],
  async handle() {
    throw new Error("the webhook's server answered 500");
  },
});

/** Takes a backlog in batches; a message saying "veneno" (poison) fails whatever batch it is in, and alone too. */
const batches: number[] = [];
const poisoned = (event: DomainEvent) => event.type === "message.created" && event.payload.message.body.includes("veneno");
const batching = defineListener({
  name: "test.batching",
  applicableEvents: ["message.created"],
  async handleEach(events) {
    if (events.some(poisoned)) throw new Error("one of them cannot be taken");
    if (events.length > 1) batches.push(events.length); // batches of several, not the events handled alone
    for (const event of events) heard.push({ listener: "batching", event });
  },
});

/**
 * Prepares each customer message outside its transaction; a message saying "recusado" has its change
 * refused (as the catalogue refuses one), and the refusal is noted instead.
 */
const refusals: { eventId: string; message: string }[] = [];
const refusing = defineListener({
  name: "test.refusing",
  applicableEvents: ["message.created"],
  when: (event) => event.payload.message.direction === "incoming",
  prepare: (event) => Promise.resolve(`prepared for ${event.id}`),
  async handle(event, _ctx, prepared) {
    attempts.set(event.id, (attempts.get(event.id) ?? 0) + 1);
    if (event.payload.message.body.includes("recusado")) throw AppError.invalidField("teamId", "no team with this id", "not_found");
    if (prepared === `prepared for ${event.id}`) heard.push({ listener: "refusing", event });
  },
  async onRefused(event, _ctx, refusal) {
    refusals.push({ eventId: event.id, message: refusal.message });
  },
});

const testModules = [...MODULES, defineModule({ name: "test", listeners: [recording, flaky, ordered] })];
const FAST_RETRIES = { ATENDE_JOB_RETRY_SECONDS: "1" };

async function until(done: () => boolean, ms = 30_000) {
  const deadline = Date.now() + ms;
  while (!done() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
}

async function startConversation(agent: AgentClient, inboxId: string, body: string): Promise<ConversationDto> {
  const res = await agent.request({
    method: "POST",
    url: "/api/v1/conversations",
    payload: { inboxId, contact: { email: `${String(Math.random()).slice(2)}@cliente.example` }, message: { body, direction: "incoming" } },
  });
  expect(res.statusCode).toBe(201);
  return res.json<ConversationDto>();
}

async function apiInbox(agent: AgentClient): Promise<InboxDto> {
  const res = await agent.request({ method: "POST", url: "/api/v1/inboxes", payload: { name: "API", channel: "api" } });
  return res.json<InboxDto>();
}

type Lag = { behind: number; parked: number; lastError: string | null };

/** A listener's lag at /readyz once `settled` holds for it, or as it is after 30 s. */
async function lagOnce(t: TestApp, listener: string, settled: (lag: Lag) => boolean): Promise<Lag | undefined> {
  const read = async () =>
    (await t.app.inject({ method: "GET", url: "/readyz?detail=1" })).json<{ events: { listeners: Record<string, Lag> } }>().events.listeners[listener];
  const deadline = Date.now() + 30_000;
  let lag = await read();
  while (!(lag && settled(lag)) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    lag = await read();
  }
  return lag;
}

const heardBy = (listener: string) => heard.filter((h) => h.listener === listener);

describe("durable listeners", () => {
  const db = reopenableDatabase();
  const apps: TestApp[] = [];
  afterAll(async () => {
    for (const app of apps) await app.close();
    await (await db).destroy();
  });

  it("hear each committed event once, typed, and a failing listener is retried until it succeeds without holding the others", async () => {
    const t = await buildTestApp(FAST_RETRIES, (await db).open, testModules);
    apps.push(t);
    const admin = await newWorkspace(t);
    const inbox = await apiInbox(admin);
    const conversation = await startConversation(admin, inbox.id, "A minha internet caiu.");
    await admin.request({ method: "PATCH", url: `/api/v1/conversations/${conversation.id}`, payload: { status: "pending", priority: "high" } });

    await until(() => heardBy("recording").some((h) => h.event.type === "conversation.status_changed"));
    const types = heardBy("recording")
      .filter((h) => h.event.conversationId === conversation.id)
      .map((h) => h.event.type);
    expect(types.filter((x) => x === "conversation.created")).toHaveLength(1);
    expect(types.filter((x) => x === "conversation.status_changed")).toHaveLength(1);
    const updated = heardBy("recording").find((h) => h.event.type === "conversation.updated" && h.event.conversationId === conversation.id);
    // The payload is the typed union's: narrowed by type, never cast.
    if (updated?.event.type !== "conversation.updated") throw new Error("no conversation.updated heard");
    expect(updated.event.payload.changes.status).toEqual({ from: "open", to: "pending" });
    expect(updated.event.payload.changes.priority).toEqual({ from: "normal", to: "high" });
    // The recording listener did not wait for the failing one.
    expect(heardBy("flaky")).toHaveLength(0);

    // Retried 1 s, 2 s and 4 s later: the fourth attempt succeeds.
    await until(() => heardBy("flaky").some((h) => h.event.conversationId === conversation.id), 40_000);
    const created = heardBy("flaky").filter((h) => h.event.conversationId === conversation.id);
    expect(created).toHaveLength(1);
    expect(attempts.get(created[0]?.event.id ?? "")).toBe(4);

    // The job is marked done just after the listener returns: the lag reaches zero a moment later.
    expect(await lagOnce(t, "test.flaky", (l) => l.behind === 0)).toMatchObject({ behind: 0, parked: 0 });
  }, 60_000);

  it("after a restart, hands on what was committed and not yet handled: nothing lost, nothing twice", async () => {
    const first = apps.pop();
    if (!first) throw new Error("no app");
    const admin = await newWorkspace(first);
    const inbox = await apiInbox(admin);
    const before = heardBy("recording").length;
    const started = await Promise.all([1, 2, 3, 4, 5].map((i) => startConversation(admin, inbox.id, `Pedido ${String(i)}`)));
    await first.close(); // at once: some events are not handed on, some jobs not run
    const second = await buildTestApp(FAST_RETRIES, (await db).open, testModules);
    apps.push(second);
    const ids = new Set(started.map((c) => c.id));
    const mine = () => heardBy("recording").slice(before).filter((h) => ids.has(h.event.conversationId ?? "") && h.event.type === "message.created");
    await until(() => mine().length >= 5);
    await new Promise((r) => setTimeout(r, 1500)); // a second copy would arrive now
    expect(mine()).toHaveLength(5);
    expect(new Set(mine().map((h) => h.event.id)).size).toBe(5);
  }, 60_000);

  it.skipIf(TEST_ENGINE !== "postgres")("run once per event with two processes on one database, one conversation's events in order", async () => {
    const one = apps[0];
    if (!one) throw new Error("no app");
    const two = await buildTestApp(FAST_RETRIES, (await db).open, testModules);
    apps.push(two);
    const admin = await newWorkspace(one);
    const inbox = await apiInbox(admin);
    const conversation = await startConversation(admin, inbox.id, "Olá");
    const before = heard.length;
    // Replies posted one after another, through both processes.
    const onTwo = await signIn(two.app, admin.email);
    for (let i = 0; i < 30; i++) {
      const res = await (i % 2 ? onTwo : admin).request({
        method: "POST",
        url: `/api/v1/conversations/${conversation.id}/messages`,
        payload: { body: `Resposta ${String(i)}` },
      });
      expect(res.statusCode).toBe(201);
    }
    const replies = () => heard.slice(before).filter((h) => h.listener === "ordered" && h.event.conversationId === conversation.id);
    await until(() => replies().length >= 30);
    await new Promise((r) => setTimeout(r, 1500));
    const bodies = replies().map((h) => (h.event.type === "message.created" ? h.event.payload.message.body : ""));
    expect(bodies).toHaveLength(30);
    expect(bodies).toEqual(Array.from({ length: 30 }, (_, i) => `Resposta ${String(i)}`));
    const recorded = heard
      .slice(before)
      .filter((h) => h.listener === "recording" && h.event.type === "message.created" && h.event.payload.message.direction === "outgoing" && h.event.conversationId === conversation.id);
    expect(new Set(recorded.map((h) => h.event.id)).size).toBe(recorded.length);
    expect(recorded).toHaveLength(30);
  }, 60_000);
});

describe("the outbox", () => {
  it.skipIf(TEST_ENGINE !== "postgres")("queues only the events some listener takes, decided where each is written", async () => {
    const t = await buildTestApp();
    try {
      const admin = await newWorkspace(t);
      const api = await apiInbox(admin);
      const email = (await admin.request({ method: "POST", url: "/api/v1/inboxes", payload: { name: "Suporte", channel: "email", address: "suporte@loja.example" } })).json<InboxDto>();
      const queued = await t.runtime.transaction(async (tx) => {
        // Holding the outbox's lock keeps it from handing anything on (and deleting it) meanwhile.
        await tx.execute(sql`SELECT pg_advisory_xact_lock(${OUTBOX_LOCK})`);
        for (const inbox of [api, email]) {
          const conversation = await startConversation(admin, inbox.id, `Olá pelo ${inbox.channel}`);
          const reply = await admin.request({ method: "POST", url: `/api/v1/conversations/${conversation.id}/messages`, payload: { body: `Resposta pelo ${inbox.channel}` } });
          expect(reply.statusCode).toBe(201);
          const patch = await admin.request({ method: "PATCH", url: `/api/v1/conversations/${conversation.id}`, payload: { status: "resolved" } });
          expect(patch.statusCode).toBe(200);
          // Once someone has the conversation, the customer's next message is theirs to hear of.
          const assigned = await admin.request({ method: "PATCH", url: `/api/v1/conversations/${conversation.id}`, payload: { assigneeId: admin.agentId } });
          expect(assigned.statusCode).toBe(200);
          const again = { body: `De novo pelo ${inbox.channel}`, direction: "incoming" };
          expect((await admin.request({ method: "POST", url: `/api/v1/conversations/${conversation.id}/messages`, payload: again })).statusCode).toBe(201);
        }
        return rowsOf<{ type: string; body: string }>(
          await tx.execute(sql`
            SELECT e.type, coalesce(e.payload #>> '{message,body}', '') AS body FROM event_outbox o JOIN event e ON e.id = o.event_id
            WHERE e.workspace_id = ${admin.workspaceId}`),
        );
      });
      // The customers' messages once someone has the conversation (the notifications take them, for the
      // assignee), the e-mail reply (delivery takes it) and the assignments (an agent taking a conversation
      // stops the virtual attendant); not the first messages, which came while no one had the
      // conversation, nor the API inbox's reply, nor the status changes.
      expect(queued.sort((a, b) => a.body.localeCompare(b.body) || a.type.localeCompare(b.type))).toEqual([
        { type: "conversation.assigned", body: "" },
        { type: "conversation.assigned", body: "" },
        { type: "message.created", body: "De novo pelo api" },
        { type: "message.created", body: "De novo pelo email" },
        { type: "message.created", body: "Resposta pelo email" },
      ]);
    } finally {
      await t.close();
    }
  }, 60_000);
});

describe("a listener that keeps failing", () => {
  it("is parked after its retries with its error at /readyz, and the others and the request go on", async () => {
    const t = await buildTestApp({ ATENDE_JOB_RETRY_SECONDS: "1", ATENDE_JOB_RETRIES: "1" }, undefined, [...MODULES, defineModule({ name: "test", listeners: [broken, recording] })]);
    try {
      const admin = await newWorkspace(t);
      const conversation = await startConversation(admin, (await apiInbox(admin)).id, "Olá");
      const lag = await lagOnce(t, "test.broken", (l) => l.parked === 1 && l.behind === 0);
      expect(lag).toMatchObject({ parked: 1, behind: 0, lastError: "the webhook's server answered 500" });
      expect(heardBy("recording").some((h) => h.event.conversationId === conversation.id)).toBe(true);
    } finally {
      await t.close();
    }
  }, 60_000);
});

describe("a listener whose change is refused", () => {
  it("falls back at once instead of being retried, and what it prepares reaches its handler", async () => {
    const t = await buildTestApp(FAST_RETRIES, undefined, [...MODULES, defineModule({ name: "test", listeners: [refusing] })]);
    try {
      const admin = await newWorkspace(t);
      const inbox = await apiInbox(admin);
      const fine = await startConversation(admin, inbox.id, "Bom dia");
      const refused = await startConversation(admin, inbox.id, "Isto será recusado");
      await until(() => refusals.length > 0 && heardBy("refusing").some((h) => h.event.conversationId === fine.id));
      expect(refusals.map((r) => r.message)).toEqual(["teamId: no team with this id"]);
      await new Promise((r) => setTimeout(r, 1500)); // a retry would come now
      // Handled once, or twice when it came in a batch with the other (then taken again alone): never retried.
      expect(attempts.get(refusals[0]?.eventId ?? "")).toBeLessThanOrEqual(2);
      expect(refusals).toHaveLength(1);
      expect(heardBy("refusing").some((h) => h.event.conversationId === refused.id)).toBe(false);
    } finally {
      await t.close();
    }
  }, 60_000);
});

describe("a listener that handles events in batches", () => {
  it.skipIf(TEST_ENGINE !== "postgres")("takes a backlog in one batch, and when an event fails its batch, the others are handled alone, once", async () => {
    const t = await buildTestApp({ ATENDE_JOB_RETRY_SECONDS: "1", ATENDE_JOB_RETRIES: "1" }, undefined, [...MODULES, defineModule({ name: "test", listeners: [batching] })]);
    try {
      const admin = await newWorkspace(t);
      const inbox = await apiInbox(admin);
      /** Starts conversations while the outbox is held back, so that their events wait together. */
      const backlog = (bodies: string[]) =>
        t.runtime.transaction(async (tx) => {
          await tx.execute(sql`SELECT pg_advisory_xact_lock(${OUTBOX_LOCK})`);
          return Promise.all(bodies.map((body) => startConversation(admin, inbox.id, body)));
        });
      const mine = (ids: Set<string>) => heardBy("batching").filter((h) => ids.has(h.event.conversationId ?? ""));

      const clean = new Set((await backlog(Array.from({ length: 20 }, (_, i) => `Pedido ${String(i)}`))).map((c) => c.id));
      await until(() => mine(clean).length >= 20);
      expect(batches).toEqual([20]);

      const mixed = await backlog(Array.from({ length: 10 }, (_, i) => (i === 4 ? "Isto é veneno" : `Outro pedido ${String(i)}`)));
      const ids = new Set(mixed.map((c) => c.id));
      await until(() => mine(ids).length >= 9);
      await new Promise((r) => setTimeout(r, 1500)); // a second copy would arrive now
      expect(batches).toEqual([20]);
      expect(mine(ids)).toHaveLength(9);
      expect(new Set(mine(ids).map((h) => h.event.id)).size).toBe(9);
      expect(mine(clean)).toHaveLength(20);
    } finally {
      await t.close();
    }
  }, 60_000);
});
