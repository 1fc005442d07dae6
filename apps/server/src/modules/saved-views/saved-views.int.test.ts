import { beforeAll, describe, expect, it } from "vitest";
import type { LightMyRequestResponse } from "fastify";
import type { ConversationDto, Problem, SavedViewCountsDto, SavedViewDto } from "@atende/shared";
import { addAgent, newConversation, newWorkspace, useSignedInAdmin, type AgentClient } from "../../test/test-app.js";

const env = useSignedInAdmin();
let ana: AgentClient; // an agent
let bruno: AgentClient; // another agent
let sofia: AgentClient; // a supervisor

beforeAll(async () => {
  ana = await addAgent(env.t, env.admin, "agent", "Ana Agent");
  bruno = await addAgent(env.t, env.admin, "agent", "Bruno Agent");
  sofia = await addAgent(env.t, env.admin, "supervisor", "Sofia Supervisor");
});

const create = (client: AgentClient, payload: object) => client.request({ method: "POST", url: "/api/v1/views", payload });
const patch = (client: AgentClient, id: string, payload: object) => client.request({ method: "PATCH", url: `/api/v1/views/${id}`, payload });
const remove = (client: AgentClient, id: string) => client.request({ method: "DELETE", url: `/api/v1/views/${id}` });
const created = (res: LightMyRequestResponse): SavedViewDto => {
  expect(res.statusCode, res.body).toBe(201);
  return res.json<SavedViewDto>();
};
const list = async (client: AgentClient): Promise<SavedViewDto[]> => {
  const res = await client.request({ method: "GET", url: "/api/v1/views" });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<SavedViewDto[]>();
};
const counts = async (client: AgentClient): Promise<SavedViewCountsDto> => {
  const res = await client.request({ method: "GET", url: "/api/v1/views/counts" });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<SavedViewCountsDto>();
};
const names = (views: SavedViewDto[]) => views.map((v) => v.name);
/** The problem's field errors as `path code`. */
const fieldErrors = (res: LightMyRequestResponse) => (res.json<Problem>().errors ?? []).map((e) => `${e.path} ${e.code}`);

describe("creating and listing saved views", () => {
  it("saves the filters under a trimmed name, personal unless shared, filling the list's defaults", async () => {
    const view = created(await create(ana, { name: "  Urgent billing  ", filters: { tag: "billing", priority: "urgent" } }));
    expect(view).toMatchObject({
      name: "Urgent billing",
      shared: false,
      editable: true,
      owner: { id: ana.agentId, name: "Ana Agent" },
      filters: { status: "open", sort: "newest", tag: "billing", priority: "urgent" },
    });
    expect(names(await list(ana))).toContain("Urgent billing");
  });

  it("shows an agent their own views and the shared ones, by name, never another's personal view", async () => {
    const { inboxId } = await newConversation(env.admin);
    created(await create(bruno, { name: "zeta personal", filters: { status: "pending" } }));
    const shared = created(await create(bruno, { name: "Alpha shared", filters: { status: "all", inboxId, sort: "waiting" }, shared: true }));
    created(await create(ana, { name: "beta mine", filters: { assigneeId: "me" } }));

    const anas = await list(ana);
    expect(names(anas)).toEqual(["Alpha shared", "beta mine", "Urgent billing"]);
    expect(anas.find((v) => v.id === shared.id)).toMatchObject({ shared: true, editable: false, owner: { id: bruno.agentId }, filters: { inboxId, sort: "waiting" } });
    expect(names(await list(bruno))).toEqual(["Alpha shared", "zeta personal"]);
    // An admin sees shared views (and may change them), but not other agents' personal ones.
    const admins = await list(env.admin);
    expect(names(admins)).toEqual(["Alpha shared"]);
    expect(admins[0]?.editable).toBe(true);
  });

  it("keeps a name once per owner, in any case, but lets two agents use the same one", async () => {
    created(await create(ana, { name: "Waiting", filters: { sort: "waiting" } }));
    const again = await create(ana, { name: "WAITING", filters: {} });
    expect(again.statusCode).toBe(409);
    expect(again.json<Problem>().code).toBe("CONFLICT");
    expect(fieldErrors(again)).toEqual(["name taken"]);
    created(await create(bruno, { name: "Waiting", filters: {} }));

    const other = created(await create(ana, { name: "Something else", filters: {} }));
    const rename = await patch(ana, other.id, { name: "waiting" });
    expect(rename.statusCode).toBe(409);
    expect(fieldErrors(rename)).toEqual(["name taken"]);
  });
});

describe("validation names the field", () => {
  it.each([
    ["no name", { filters: {} }, "name required"],
    ["an empty name", { name: "   ", filters: {} }, "name required"],
    ["a name over 60 characters", { name: "x".repeat(61), filters: {} }, "name too_long"],
    ["no filters", { name: "No filters" }, "filters required"],
    ["an unknown status", { name: "Bad status", filters: { status: "closed" } }, "filters.status choice"],
    ["an unknown order", { name: "Bad sort", filters: { sort: "random" } }, "filters.sort choice"],
    ["an inbox id that is no id", { name: "Bad inbox", filters: { inboxId: "nope" } }, "filters.inboxId format"],
    ["an inbox of nobody", { name: "No inbox", filters: { inboxId: "0190a000-0000-7000-8000-000000000000" } }, "filters.inboxId not_found"],
    ["a team of nobody", { name: "No team", filters: { teamId: "0190a000-0000-7000-8000-000000000000" } }, "filters.teamId not_found"],
    ["an assignee of nobody", { name: "No agent", filters: { assigneeId: "0190a000-0000-7000-8000-000000000000" } }, "filters.assigneeId not_found"],
    ["shared that is no boolean", { name: "Shared?", filters: {}, shared: "yes" }, "shared type"],
  ])("refuses %s with 422", async (_what, payload, expected) => {
    const res = await create(ana, payload);
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json<Problem>().code).toBe("VALIDATION");
    expect(fieldErrors(res)).toEqual([expected]);
  });

  it("refuses an empty change and a change to an empty name, and keeps the view", async () => {
    const view = created(await create(ana, { name: "Unchanged", filters: { priority: "high" } }));
    expect(fieldErrors(await patch(ana, view.id, {}))).toEqual(["body no_change"]);
    expect(fieldErrors(await patch(ana, view.id, { name: "" }))).toEqual(["name required"]);
    expect((await list(ana)).find((v) => v.id === view.id)).toEqual(view);
  });

  it("asks who is signing in first", async () => {
    const res = await env.t.app.inject({ method: "GET", url: "/api/v1/views" });
    expect(res.statusCode).toBe(401);
  });
});

describe("who may change a view", () => {
  it("hides a personal view from everyone but its owner, admins included: 404", async () => {
    const view = created(await create(ana, { name: "Only mine", filters: {} }));
    for (const other of [bruno, sofia, env.admin]) {
      expect((await patch(other, view.id, { name: "Taken over" })).statusCode).toBe(404);
      expect((await remove(other, view.id)).statusCode).toBe(404);
    }
    expect(names(await list(ana))).toContain("Only mine");
  });

  it("lets others see a shared view but only its owner or an admin change or delete it", async () => {
    const view = created(await create(ana, { name: "Team queue", filters: { assigneeId: "none" }, shared: true }));
    for (const other of [bruno, sofia]) {
      const res = await patch(other, view.id, { name: "Mine now" });
      expect(res.statusCode).toBe(403);
      expect(res.json<Problem>().code).toBe("FORBIDDEN");
      expect((await remove(other, view.id)).statusCode).toBe(403);
    }
    const renamed = await patch(env.admin, view.id, { name: "Unassigned queue", filters: { assigneeId: "none", priority: "urgent" } });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json<SavedViewDto>()).toMatchObject({ name: "Unassigned queue", owner: { id: ana.agentId }, filters: { status: "open", assigneeId: "none", priority: "urgent" } });
    expect((await list(bruno)).find((v) => v.id === view.id)?.name).toBe("Unassigned queue");

    // Its owner makes it personal again: the others no longer see it.
    expect((await patch(ana, view.id, { shared: false })).statusCode).toBe(200);
    expect((await list(bruno)).map((v) => v.id)).not.toContain(view.id);
    expect((await remove(env.admin, view.id)).statusCode).toBe(404);
    expect((await remove(ana, view.id)).statusCode).toBe(204);
    expect((await list(ana)).map((v) => v.id)).not.toContain(view.id);
  });

  it("lets an admin delete another agent's shared view", async () => {
    const view = created(await create(bruno, { name: "Old shared", filters: {}, shared: true }));
    expect((await remove(env.admin, view.id)).statusCode).toBe(204);
    expect((await list(bruno)).map((v) => v.id)).not.toContain(view.id);
  });
});

describe("counts", () => {
  it("counts each view's conversations as its list does, `me` being whoever asks", async () => {
    const w = await newWorkspace(env.t, "Counting");
    const mate = await addAgent(env.t, w, "agent", "Mate");
    const first = await newConversation(w);
    const more = await Promise.all([1, 2, 3].map(() => newConversation(w, { inboxId: first.inboxId })));
    const ids = [first, ...more].map((c) => c.conversationId);
    const change = async (id: string | undefined, payload: object) => {
      const res = await w.request({ method: "PATCH", url: `/api/v1/conversations/${String(id)}`, payload });
      expect(res.statusCode, res.body).toBe(200);
    };
    await change(ids[0], { priority: "urgent", tags: ["vip"], assigneeId: mate.agentId });
    await change(ids[1], { priority: "urgent", assigneeId: w.agentId });
    await change(ids[2], { status: "resolved", tags: ["vip"] });

    const views = {
      urgent: created(await create(w, { name: "Urgent", filters: { priority: "urgent" }, shared: true })),
      vipAll: created(await create(w, { name: "VIP ever", filters: { status: "all", tag: "VIP" }, shared: true })),
      mine: created(await create(w, { name: "Mine", filters: { assigneeId: "me" }, shared: true })),
      nobody: created(await create(w, { name: "Nobody's", filters: { assigneeId: "none" } })),
      resolved: created(await create(w, { name: "Done", filters: { status: "resolved", inboxId: first.inboxId } })),
    };
    const listed = async (client: AgentClient, view: SavedViewDto) => {
      const query = new URLSearchParams(Object.entries(view.filters).map(([k, v]): [string, string] => [k, v]));
      const res = await client.request({ method: "GET", url: `/api/v1/conversations?limit=100&${query.toString()}` });
      return res.json<{ items: ConversationDto[] }>().items.length;
    };
    const mine = await counts(w);
    expect(mine).toEqual({ [views.urgent.id]: 2, [views.vipAll.id]: 2, [views.mine.id]: 1, [views.nobody.id]: 1, [views.resolved.id]: 1 });
    for (const view of Object.values(views)) expect(mine[view.id], view.name).toBe(await listed(w, view));
    // The teammate sees the shared ones only, and "Mine" holds their own conversation.
    const theirs = await counts(mate);
    expect(theirs).toEqual({ [views.urgent.id]: 2, [views.vipAll.id]: 2, [views.mine.id]: 1 });
    expect(theirs[views.mine.id]).toBe(await listed(mate, views.mine));
  });

  it("answers an empty object for an agent with no views", async () => {
    const w = await newWorkspace(env.t, "No views");
    expect(await counts(w)).toEqual({});
  });
});

describe("workspaces", () => {
  it("never shows, changes or deletes another workspace's views, shared ones included, nor filters by its ids", async () => {
    const { inboxId } = await newConversation(env.admin);
    const ours = created(await create(env.admin, { name: "Ours shared", filters: { inboxId }, shared: true }));
    const other = await newWorkspace(env.t, "Elsewhere");
    expect(await list(other)).toEqual([]);
    expect(await counts(other)).toEqual({});
    expect((await patch(other, ours.id, { name: "Stolen" })).statusCode).toBe(404);
    expect((await remove(other, ours.id)).statusCode).toBe(404);
    const borrowing = await create(other, { name: "Their inbox", filters: { inboxId } });
    expect(borrowing.statusCode).toBe(422);
    expect(fieldErrors(borrowing)).toEqual(["filters.inboxId not_found"]);
    expect((await list(env.admin)).find((v) => v.id === ours.id)?.name).toBe("Ours shared");
  });
});
