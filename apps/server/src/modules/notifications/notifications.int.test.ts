import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import type { NotificationPageDto } from "@atende/shared";
import { OUTBOX_LOCK } from "../../core/outbox.js";
import { TEST_ENGINE } from "../../test/database.js";
import { addAgent, newConversation, newWorkspace, useSignedInAdmin, type AgentClient } from "../../test/test-app.js";

const env = useSignedInAdmin();

const notificationsOf = async (client: AgentClient, query = "") => {
  const res = await client.request({ method: "GET", url: `/api/v1/notifications${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<NotificationPageDto>();
};
const read = (client: AgentClient, payload: object) => client.request({ method: "POST", url: "/api/v1/notifications/read", payload });
const summary = (page: NotificationPageDto) => page.items.map((n) => [n.kind, n.actorName, n.preview, n.readAt === null]);

describe("the notifications centre", () => {
  it("keeps an agent's mentions, assignments by others and customers' new messages in their conversations, until read", async () => {
    const lucie = await addAgent(env.t, env.admin, "agent", "Lucie Dvořáková");
    const { conversationId, inboxId } = await newConversation(env.admin, { subject: "Reembolso", body: "Quero o reembolso." });
    const post = (payload: object) => env.admin.request({ method: "POST", url: `/api/v1/conversations/${conversationId}/messages`, payload });
    await post({ body: "@Lucie Dvořáková pode ver o reembolso?", private: true, mentions: [lucie.agentId] });
    await env.admin.request({ method: "PATCH", url: `/api/v1/conversations/${conversationId}`, payload: { assigneeId: lucie.agentId } });
    await post({ body: "Alguém aí?", direction: "incoming" });
    await post({ body: "Já são   três dias!", direction: "incoming" });
    // Assigning oneself tells nobody; a conversation of someone else's tells Lucie nothing.
    const own = await newConversation(lucie, { inboxId });
    await lucie.request({ method: "PATCH", url: `/api/v1/conversations/${own.conversationId}`, payload: { assigneeId: lucie.agentId } });
    await newConversation(env.admin, { inboxId, body: "Outro cliente" });

    await expect.poll(async () => summary(await notificationsOf(lucie)), { timeout: 15_000 }).toEqual([
      ["message", "Maria Silva", "Já são três dias!", true], // one line per conversation, the newest message
      ["assigned", "Admin Person", "Reembolso", true],
      ["mention", "Admin Person", "@Lucie Dvořáková pode ver o reembolso?", true],
    ]);
    const page = await notificationsOf(lucie, "?unread=true&limit=2");
    expect(page.unread).toBe(3);
    expect(page.items[0]?.conversation).toMatchObject({ id: conversationId, subject: "Reembolso" });
    expect(page.nextCursor).not.toBeNull();
    const rest = await notificationsOf(lucie, `?unread=true&limit=2&cursor=${page.nextCursor ?? ""}`);
    expect(rest.items.map((n) => n.kind)).toEqual(["mention"]);
    expect((await notificationsOf(env.admin)).items).toEqual([]); // the admin did it all: nothing for them

    // Another agent cannot read Lucie's as read.
    expect((await read(env.admin, { ids: [rest.items[0]?.id] })).json()).toEqual({ unread: 0 });
    expect((await read(lucie, { ids: [rest.items[0]?.id] })).json()).toEqual({ unread: 2 });
    expect((await read(lucie, { conversationId })).json()).toEqual({ unread: 0 });
    expect((await notificationsOf(lucie, "?unread=true")).items).toEqual([]);
    expect((await notificationsOf(lucie)).items).toHaveLength(3);

    // A new message after reading is a new line.
    await post({ body: "Obrigada!", direction: "incoming" });
    await expect.poll(async () => (await notificationsOf(lucie)).unread, { timeout: 15_000 }).toBe(1);
    expect((await read(lucie, { all: true })).json()).toEqual({ unread: 0 });
  });

  it.skipIf(TEST_ENGINE !== "postgres")("tells the same from a backlog taken at once: the newest message per conversation, and none from before a hand-over", async () => {
    const [ana, bruno] = [await addAgent(env.t, env.admin, "agent", "Ana Souza"), await addAgent(env.t, env.admin, "agent", "Bruno Lima")];
    const first = await newConversation(env.admin, { subject: "Fatura", body: "Olá" });
    const second = await newConversation(env.admin, { inboxId: first.inboxId, subject: "Entrega", body: "Olá" });
    const assign = (conversationId: string, assigneeId: string) => env.admin.request({ method: "PATCH", url: `/api/v1/conversations/${conversationId}`, payload: { assigneeId } });
    const say = (conversationId: string, body: string) => env.admin.request({ method: "POST", url: `/api/v1/conversations/${conversationId}/messages`, payload: { body, direction: "incoming" } });
    await assign(first.conversationId, ana.agentId);
    await assign(second.conversationId, ana.agentId);
    // Held back, so that the listener takes them all in one batch.
    await env.t.runtime.transaction(async (tx) => {
      await tx.execute(sql`SELECT pg_advisory_xact_lock(${OUTBOX_LOCK})`);
      for (const body of ["Primeira", "Segunda", "Terceira"]) expect((await say(first.conversationId, body)).statusCode).toBe(201);
      expect((await say(second.conversationId, "Antes de passar")).statusCode).toBe(201);
      await assign(second.conversationId, bruno.agentId);
      expect((await say(second.conversationId, "Depois de passar")).statusCode).toBe(201);
    });
    await expect.poll(async () => summary(await notificationsOf(bruno)), { timeout: 15_000 }).toEqual([
      ["message", "Maria Silva", "Depois de passar", true],
      ["assigned", "Admin Person", "Entrega", true],
    ]);
    expect(summary(await notificationsOf(ana)).filter(([kind]) => kind === "message")).toEqual([["message", "Maria Silva", "Terceira", true]]);
  });

  it("refuses a body that is none of ids, conversationId or all, and keeps workspaces apart", async () => {
    const bad = await read(env.admin, { all: false });
    expect(bad.statusCode).toBe(422);
    expect((await read(env.admin, { ids: ["not-an-id"] })).statusCode).toBe(422);
    const other = await newWorkspace(env.t);
    expect((await notificationsOf(other)).items).toEqual([]);
  });
});
