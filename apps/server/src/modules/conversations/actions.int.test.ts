import { describe, expect, it } from "vitest";
import type { BulkConversationsResult, CannedResponseDto, ConversationDto, MessageDto, WorkspaceDto } from "@atende/shared";
import { addAgent, newConversation, newWorkspace, useSignedInAdmin, type AgentClient } from "../../test/test-app.js";

const env = useSignedInAdmin();

const bulk = (client: AgentClient, payload: object) => client.request({ method: "POST", url: "/api/v1/conversations/bulk", payload });
const conversation = async (client: AgentClient, id: string) =>
  (await client.request({ method: "GET", url: `/api/v1/conversations/${id}` })).json<ConversationDto>();
const timeline = async (client: AgentClient, id: string) =>
  (await client.request({ method: "GET", url: `/api/v1/conversations/${id}/messages?limit=100` })).json<{ items: MessageDto[] }>().items;

describe("the action catalogue in bulk", () => {
  it("runs every action on each conversation it may change, and says why it did not change the others", async () => {
    const teammate = await addAgent(env.t, env.admin, "agent", "Bruna Lima");
    const a = await newConversation(env.admin);
    const b = await newConversation(env.admin, { inboxId: a.inboxId });
    const otherAdmin = await newWorkspace(env.t);
    const stranger = await newConversation(otherAdmin); // another workspace's
    const unknown = "01a20000-0000-7000-8000-00000000dead";
    const res = await bulk(env.admin, {
      ids: [a.conversationId, stranger.conversationId, b.conversationId, unknown],
      actions: [
        { type: "assign", agentId: teammate.agentId },
        { type: "add_tags", tags: ["Fatura", "urgente"] },
        { type: "set_priority", priority: "high" },
        { type: "add_note", body: "Cliente ligou duas vezes." },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    const { results } = res.json<BulkConversationsResult>();
    expect(results.map((r) => [r.id, r.ok])).toEqual([
      [a.conversationId, true],
      [stranger.conversationId, false],
      [b.conversationId, true],
      [unknown, false],
    ]);
    expect(results[1]?.error).toMatchObject({ status: 404, code: "NOT_FOUND" });
    for (const id of [a.conversationId, b.conversationId]) {
      const c = await conversation(env.admin, id);
      expect(c.assignee?.id).toBe(teammate.agentId);
      expect(c.tags).toEqual(["fatura", "urgente"]);
      expect(c.priority).toBe("high");
      const items = await timeline(env.admin, id);
      // Recorded as done by the admin who asked.
      expect(items.find((m) => m.activity?.action === "assignee")?.activity?.actorName).toBe("Admin Person");
      expect(items.some((m) => m.kind === "note" && m.body === "Cliente ligou duas vezes.")).toBe(true);
    }
    // Nothing of the other workspace's conversation changed.
    expect(await conversation(otherAdmin, stranger.conversationId)).toMatchObject({ assignee: null, tags: [], priority: "normal" });
  });

  it("changes nothing on a conversation one of whose actions is refused, and names the action's field", async () => {
    const a = await newConversation(env.admin);
    const res = await bulk(env.admin, {
      ids: [a.conversationId],
      actions: [{ type: "add_tags", tags: ["vip"] }, { type: "assign", agentId: "01a20000-0000-7000-8000-00000000beef" }],
    });
    const [result] = res.json<BulkConversationsResult>().results;
    expect(result).toMatchObject({ ok: false, error: { status: 422, errors: [{ path: "actions.1.agentId" }] } });
    expect((await conversation(env.admin, a.conversationId)).tags).toEqual([]);
    // A snooze that ends in the past names `until`, its own field.
    const past = await bulk(env.admin, { ids: [a.conversationId], actions: [{ type: "snooze", until: "2020-01-01T00:00:00Z" }] });
    expect(past.json<BulkConversationsResult>().results[0]).toMatchObject({ ok: false, error: { errors: [{ path: "actions.0.until", code: "not_future" }] } });
    expect(past.json<BulkConversationsResult>().results[0]?.error?.detail).toBe("actions.0.until: must be in the future");
  });

  it("removes tags and keeps the others, snoozes, replies with a canned response filled in, and hands off to a team", async () => {
    const a = await newConversation(env.admin);
    await env.admin.request({ method: "PATCH", url: `/api/v1/conversations/${a.conversationId}`, payload: { tags: ["a", "b", "c"] } });
    const canned = (
      await env.admin.request({ method: "POST", url: "/api/v1/canned-responses", payload: { shortCode: "ola", title: "Olá", body: "Olá {{contact.firstName}}, já vamos ver." } })
    ).json<CannedResponseDto>();
    const team = (await env.admin.request({ method: "POST", url: "/api/v1/teams", payload: { name: "Financeiro" } })).json<{ id: string }>();
    const done = await bulk(env.admin, {
      ids: [a.conversationId],
      actions: [
        { type: "remove_tags", tags: ["b", "z"] },
        { type: "reply", cannedResponseId: canned.id },
        { type: "snooze", until: new Date(Date.now() + 3_600_000).toISOString() },
      ],
    });
    expect(done.json<BulkConversationsResult>().results[0]?.ok, done.body).toBe(true);
    let c = await conversation(env.admin, a.conversationId);
    expect(c.tags).toEqual(["a", "c"]);
    expect(c.status).toBe("snoozed");
    expect((await timeline(env.admin, a.conversationId)).some((m) => m.body === "Olá Maria, já vamos ver.")).toBe(true);
    await bulk(env.admin, { ids: [a.conversationId], actions: [{ type: "hand_off", teamId: team.id, note: "Pediu segunda via da fatura." }] });
    c = await conversation(env.admin, a.conversationId);
    expect(c).toMatchObject({ status: "open", team: { id: team.id }, assignee: null });
  });

  it("refuses more than 500 ids and an empty list of actions, naming the field", async () => {
    const ids = Array.from({ length: 501 }, (_, i) => `01a20000-0000-7000-8000-${String(i).padStart(12, "0")}`);
    const tooMany = await bulk(env.admin, { ids, actions: [{ type: "set_status", status: "resolved" }] });
    expect(tooMany.statusCode).toBe(422);
    expect(tooMany.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe("ids");
    const none = await bulk(env.admin, { ids: ids.slice(0, 1), actions: [] });
    expect(none.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe("actions");
  });
});

describe("tags in a change", () => {
  it("adds and removes some tags and keeps the others; refuses replacing and adding at once", async () => {
    const a = await newConversation(env.admin);
    const patch = (payload: object) => env.admin.request({ method: "PATCH", url: `/api/v1/conversations/${a.conversationId}`, payload });
    await patch({ tags: ["um", "dois"] });
    expect((await patch({ addTags: ["Três"], removeTags: ["um"] })).json<ConversationDto>().tags).toEqual(["dois", "três"]);
    const both = await patch({ tags: ["x"], addTags: ["y"] });
    expect(both.statusCode).toBe(422);
    expect(both.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe("tags");
  });
});

describe("workspace settings", () => {
  it("lets an admin set the name, time zone and default language, in the canonical spelling, and raises workspace.updated", async () => {
    const res = await env.admin.request({ method: "PATCH", url: "/api/v1/workspace", payload: { timeZone: "america/sao_paulo", defaultLocale: "pt-BR" } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<WorkspaceDto>()).toMatchObject({ timeZone: "America/Sao_Paulo", defaultLocale: "pt-BR" });
    const me = (await env.admin.request({ method: "GET", url: "/api/v1/me" })).json<{ workspace: WorkspaceDto }>();
    expect(me.workspace.timeZone).toBe("America/Sao_Paulo");
  });

  it("refuses an unknown zone or a bare offset, a language it does not speak, and an agent who is not an admin", async () => {
    for (const [payload, path] of [
      [{ timeZone: "Mars/Olympus_Mons" }, "timeZone"],
      [{ timeZone: "+01:00" }, "timeZone"],
      [{ defaultLocale: "de" }, "defaultLocale"],
      [{}, ""],
    ] as const) {
      const res = await env.admin.request({ method: "PATCH", url: "/api/v1/workspace", payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(422);
      if (path) expect(res.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe(path);
    }
    const agent = await addAgent(env.t, env.admin, "agent");
    expect((await agent.request({ method: "PATCH", url: "/api/v1/workspace", payload: { name: "Mine now" } })).statusCode).toBe(403);
    expect((await agent.request({ method: "GET", url: "/api/v1/workspace" })).json<WorkspaceDto>().name).not.toBe("Mine now");
  });
});
