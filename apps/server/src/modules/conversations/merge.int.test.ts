import { describe, expect, it } from "vitest";
import type { ConversationDto, MessageDto } from "@atende/shared";
import { and, eq } from "drizzle-orm";
import { events } from "../../db/schema/index.js";
import { newConversation, newWorkspace, useSignedInAdmin } from "../../test/test-app.js";

const env = useSignedInAdmin();

const get = async <T>(url: string) => {
  const res = await env.admin.request({ method: "GET", url });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<T>();
};
const conversation = (id: string) => get<ConversationDto>(`/api/v1/conversations/${id}`);
const timeline = async (id: string) => (await get<{ items: MessageDto[] }>(`/api/v1/conversations/${id}/messages?limit=100`)).items;
const merge = (id: string, otherId: string) =>
  env.admin.request({ method: "POST", url: `/api/v1/conversations/${id}/merge`, payload: { otherId } });
const say = (id: string, body: string, direction: "incoming" | "outgoing") =>
  env.admin.request({ method: "POST", url: `/api/v1/conversations/${id}/messages`, payload: { body, direction } });

describe("merging two conversations of one customer", () => {
  it("joins the timelines in time order, takes the tags and the wait, resolves the other and records it in both", async () => {
    const first = await newConversation(env.admin, { body: "O modem não liga.", email: "rita@cliente.example", subject: "Modem" });
    const second = await newConversation(env.admin, { inboxId: first.inboxId, body: "Continuo sem internet.", email: "rita@cliente.example" });
    expect(second.contactId).toBe(first.contactId);
    await say(first.conversationId, "Já tentou reiniciar?", "outgoing");
    await say(second.conversationId, "Reiniciei e nada.", "incoming");
    await env.admin.request({ method: "PATCH", url: `/api/v1/conversations/${second.conversationId}`, payload: { addTags: ["modem"] } });
    await env.admin.request({ method: "PATCH", url: `/api/v1/conversations/${first.conversationId}`, payload: { status: "resolved" } });
    const other = await conversation(second.conversationId);

    const res = await merge(first.conversationId, second.conversationId);
    expect(res.statusCode, res.body).toBe(200);
    const merged = res.json<ConversationDto>();
    expect(merged).toMatchObject({ id: first.conversationId, status: "open", tags: ["modem"], mergedIntoId: null });
    const replies = (await timeline(first.conversationId)).filter((m) => m.kind === "reply");
    // The customer waits since their first message after the team's last reply, in the joined timeline.
    expect(merged.waitingSince).toBe(replies.at(-1)?.createdAt);
    expect(other.waitingSince).not.toBe(merged.waitingSince);
    expect(merged.lastMessage?.preview).toBe("Reiniciei e nada.");

    expect(replies.map((m) => m.body)).toEqual(["O modem não liga.", "Continuo sem internet.", "Já tentou reiniciar?", "Reiniciei e nada."]);
    const ids = replies.map((m) => m.id);
    expect([...ids].sort()).toEqual(ids);
    expect((await timeline(first.conversationId)).at(-1)?.body).toBe(`Admin Person merged conversation #${String(other.number)} into this one`);

    const gone = await conversation(second.conversationId);
    expect(gone).toMatchObject({ status: "resolved", mergedIntoId: first.conversationId });
    const left = await timeline(second.conversationId);
    expect(left.every((m) => m.kind === "activity")).toBe(true);
    expect(left.at(-1)?.body).toBe(`Admin Person merged this conversation into #${String(merged.number)}`);

    const [event] = await env.t.runtime.db
      .select()
      .from(events)
      .where(and(eq(events.type, "conversation.merged"), eq(events.conversationId, first.conversationId)));
    expect(event?.payload).toMatchObject({ mergedId: second.conversationId, mergedNumber: other.number });
  });

  it("refuses itself, another contact's conversation, one merged already and another workspace's, naming otherId and changing nothing", async () => {
    const a = await newConversation(env.admin, { email: "lia@cliente.example" });
    const b = await newConversation(env.admin, { inboxId: a.inboxId, email: "lia@cliente.example" });
    const stranger = await newConversation(env.admin, { inboxId: a.inboxId, email: "outro@cliente.example" });
    const foreign = await newConversation(await newWorkspace(env.t), { email: "lia@cliente.example" });
    for (const [otherId, code] of [
      [a.conversationId, "itself"],
      [stranger.conversationId, "other_contact"],
      [foreign.conversationId, "not_found"],
    ] as const) {
      const res = await merge(a.conversationId, otherId);
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json<{ errors: { path: string; code: string }[] }>().errors[0]).toMatchObject({ path: "otherId", code });
    }
    expect((await timeline(a.conversationId)).length).toBe(1);
    expect((await merge(a.conversationId, b.conversationId)).statusCode).toBe(200);
    const c = await newConversation(env.admin, { inboxId: a.inboxId, email: "lia@cliente.example" });
    const twice = await merge(c.conversationId, b.conversationId);
    expect(twice.json<{ errors: { code: string }[] }>().errors[0]?.code).toBe("merged");
    // Merging the target on: what was merged into it follows, one step from where the messages are.
    expect((await merge(c.conversationId, a.conversationId)).statusCode).toBe(200);
    expect((await conversation(b.conversationId)).mergedIntoId).toBe(c.conversationId);
    expect((await merge(a.conversationId, c.conversationId)).statusCode).toBe(409);
  });

  it("keeps a merged conversation as it is: reopening, assigning or tagging it is refused, alone or in bulk", async () => {
    const kept = await newConversation(env.admin, { email: "caio@cliente.example" });
    const gone = await newConversation(env.admin, { inboxId: kept.inboxId, email: "caio@cliente.example" });
    expect((await merge(kept.conversationId, gone.conversationId)).statusCode).toBe(200);
    const reopened = await env.admin.request({ method: "PATCH", url: `/api/v1/conversations/${gone.conversationId}`, payload: { status: "open" } });
    expect(reopened.statusCode).toBe(409);
    expect(reopened.json<{ errors: { path: string; code: string }[] }>().errors[0]).toMatchObject({ path: "params.id", code: "merged" });
    const bulk = await env.admin.request({
      method: "POST",
      url: "/api/v1/conversations/bulk",
      payload: { ids: [gone.conversationId, kept.conversationId], actions: [{ type: "set_status", status: "pending" }] },
    });
    expect(bulk.json<{ results: { id: string; ok: boolean }[] }>().results).toEqual([
      expect.objectContaining({ id: gone.conversationId, ok: false }),
      { id: kept.conversationId, ok: true },
    ]);
    expect(await conversation(gone.conversationId)).toMatchObject({ status: "resolved", mergedIntoId: kept.conversationId });
  });

  it("is an action of the catalogue, so bulk changes and rules can merge", async () => {
    const a = await newConversation(env.admin, { email: "ze@cliente.example" });
    const b = await newConversation(env.admin, { inboxId: a.inboxId, email: "ze@cliente.example" });
    const res = await env.admin.request({
      method: "POST",
      url: "/api/v1/conversations/bulk",
      payload: { ids: [a.conversationId], actions: [{ type: "merge", otherId: b.conversationId }] },
    });
    expect(res.json<{ results: { ok: boolean }[] }>().results[0]?.ok).toBe(true);
    expect((await conversation(b.conversationId)).mergedIntoId).toBe(a.conversationId);
  });
});
