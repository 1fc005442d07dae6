import { asc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import { agents, contacts, conversationColumns, conversations, teams } from "./schema/index.js";
import { CompiledSelect, compiledSelects, selectBuilder } from "./compiled-select.js";
import { newConversation, newWorkspace, useSignedInAdmin } from "../test/test-app.js";

const env = useSignedInAdmin();

const assignee = alias(agents, "assignee");

/** A selection with every kind a compiled select maps: a table's columns, nested objects, two left joins, an array, an expression with its own decoder. */
const fields = {
  conversation: conversationColumns,
  contact: { id: contacts.id, name: contacts.name, email: contacts.email },
  assignee: { id: assignee.id, name: assignee.name },
  team: { id: teams.id, name: teams.name },
  tags: sql<string[]>`ARRAY[${conversations.status}::text, 'x,y']`,
  messages: sql<number>`(${conversations.number} * 10)::text`.mapWith(Number),
};

/** Two conversations of a new workspace: one assigned to its admin and a team, one to nobody. */
async function twoConversations() {
  const ws = await newWorkspace(env.t);
  const first = await newConversation(ws);
  const second = await newConversation(ws, { inboxId: first.inboxId });
  const team = (await ws.request({ method: "POST", url: "/api/v1/teams", payload: { name: "Billing" } })).json<{ id: string }>();
  const db = env.t.runtime.db;
  const [row] = await db.select({ workspaceId: conversations.workspaceId }).from(conversations).where(eq(conversations.id, first.conversationId));
  const workspaceId = row?.workspaceId ?? "";
  const [admin] = await db.select({ id: agents.id }).from(agents).where(eq(agents.workspaceId, workspaceId));
  const res = await ws.request({ method: "PATCH", url: `/api/v1/conversations/${first.conversationId}`, payload: { assigneeId: admin?.id, teamId: team.id } });
  expect(res.statusCode).toBe(200);
  return { workspaceId, ids: [first.conversationId, second.conversationId] };
}

describe("compiled selects", () => {
  it("give the rows drizzle's own select gives: nested, decoded, a missing left join as null; on the pool and in a transaction", async () => {
    const { workspaceId, ids } = await twoConversations();
    const db = env.t.runtime.db;
    const own = await db
      .select(fields)
      .from(conversations)
      .innerJoin(contacts, eq(contacts.id, conversations.contactId))
      .leftJoin(assignee, eq(assignee.id, conversations.assigneeId))
      .leftJoin(teams, eq(teams.id, conversations.teamId))
      .where(eq(conversations.workspaceId, workspaceId))
      .orderBy(asc(conversations.number));
    const compiled = new CompiledSelect(
      selectBuilder
        .select(fields)
        .from(conversations)
        .innerJoin(contacts, eq(contacts.id, conversations.contactId))
        .leftJoin(assignee, eq(assignee.id, conversations.assigneeId))
        .leftJoin(teams, eq(teams.id, conversations.teamId))
        .where(eq(conversations.workspaceId, sql.placeholder("workspaceId")))
        .orderBy(asc(conversations.number)),
    );
    expect(own.map((r) => r.conversation.id).sort()).toEqual([...ids].sort());
    expect(own[0]?.assignee?.name).toBe("Admin Person");
    expect(own[0]?.team?.name).toBe("Billing");
    expect(own[1]?.assignee).toBeNull();
    expect(own[1]?.team).toBeNull();
    expect(own[0]?.conversation.createdAt).toBeInstanceOf(Date);
    expect(typeof own[0]?.messages).toBe("number");
    expect(await compiled.run(db, { workspaceId })).toEqual(own);
    expect(await env.t.handle.transaction((tx) => compiled.run(tx, { workspaceId }))).toEqual(own);
    // Another run's values are that run's own: another workspace has none of these.
    expect(await compiled.run(db, { workspaceId: "00000000-0000-0000-0000-000000000000" })).toEqual([]);
  });

  it("compile each shape once and keep it, and refuse a run without one of its values", async () => {
    let built = 0;
    const byStatus = compiledSelects((shape: { status: boolean }) => {
      built += 1;
      const where = shape.status ? sql`${conversations.status} = ${sql.placeholder("status")}::conversation_status` : sql`true`;
      return selectBuilder.select({ id: conversations.id }).from(conversations).where(sql`${conversations.workspaceId} = ${sql.placeholder("workspaceId")} AND ${where}`);
    });
    const { workspaceId } = await twoConversations();
    const db = env.t.runtime.db;
    expect(await byStatus({ status: false }).run(db, { workspaceId })).toHaveLength(2);
    expect(await byStatus({ status: true }).run(db, { workspaceId, status: "open" })).toHaveLength(2);
    expect(await byStatus({ status: true }).run(db, { workspaceId, status: "resolved" })).toHaveLength(0);
    expect(built).toBe(2);
    await expect(byStatus({ status: true }).run(db, { workspaceId })).rejects.toThrow(/status/);
  });
});
