import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { DomainEvent } from "@atende/shared";
import { events } from "../db/schema/index.js";
import { newConversation, useSignedInAdmin } from "../test/test-app.js";
import { createRedisBus } from "./bus.js";

const env = useSignedInAdmin();

function collect(): { seen: DomainEvent[]; stop: () => void } {
  const seen: DomainEvent[] = [];
  const stop = env.t.runtime.bus.subscribe((e) => seen.push(e));
  return { seen, stop };
}

/** Lets events of earlier steps arrive first (Redis delivers them asynchronously). */
const settle = () => new Promise((r) => setTimeout(r, 300));

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 50 && !check(); i++) await new Promise((r) => setTimeout(r, 50));
}

describe("domain events", () => {
  it("publishes message.created after commit and records it in the event log", async () => {
    const { conversationId } = await newConversation(env.admin);
    await settle();
    const { seen, stop } = collect();
    const res = await env.admin.request({ method: "POST", url: `/api/v1/conversations/${conversationId}/messages`, payload: { body: "Olá!" } });
    await until(() => seen.some((e) => e.type === "message.created"));
    stop();
    const event = seen.find((e) => e.type === "message.created");
    expect(event).toMatchObject({ conversationId, workspaceId: env.admin.workspaceId, actor: { type: "agent", id: env.admin.agentId } });
    expect(event?.payload).toMatchObject({ message: { id: res.json<{ id: string }>().id, body: "Olá!" } });
    const stored = await env.t.runtime.db.select().from(events).where(eq(events.id, event?.id ?? ""));
    expect(stored).toHaveLength(1);
  });

  it("publishes nothing for a change that was refused", async () => {
    const { conversationId } = await newConversation(env.admin);
    await settle();
    const { seen, stop } = collect();
    const res = await env.admin.request({
      method: "PATCH",
      url: `/api/v1/conversations/${conversationId}`,
      payload: { priority: "urgent", assigneeId: "01a20000-0000-7000-8000-000000000000" },
    });
    expect(res.statusCode).toBe(422);
    await new Promise((r) => setTimeout(r, 200));
    stop();
    // The conversation's own creation may still arrive late on a busy machine; nothing else may.
    expect(seen.filter((e) => e.conversationId !== conversationId || !["conversation.created", "message.created"].includes(e.type))).toEqual([]);
  });

  it("names status changes and assignments as their own events", async () => {
    const { conversationId } = await newConversation(env.admin);
    await settle();
    const { seen, stop } = collect();
    await env.admin.request({
      method: "PATCH",
      url: `/api/v1/conversations/${conversationId}`,
      payload: { status: "resolved", assigneeId: env.admin.agentId },
    });
    await until(() => seen.some((e) => e.type === "conversation.assigned"));
    stop();
    const types = seen.map((e) => e.type);
    expect(types).toContain("conversation.status_changed");
    expect(types).toContain("conversation.assigned");
    expect(seen.find((e) => e.type === "conversation.status_changed")?.payload).toEqual({ from: "open", to: "resolved" });
  });
});

describe.runIf(process.env.REDIS_URL && process.env.ATENDE_TEST_DB === "postgres")("the Redis bus", () => {
  it("carries an event raised on one node to listeners on another, and to its own node's once", async () => {
    const url = process.env.REDIS_URL ?? "";
    const quiet = { warn: () => undefined, info: () => undefined };
    const prefix = `bus-test-${String(process.pid)}`;
    const nodeA = await createRedisBus(url, quiet, prefix);
    const nodeB = await createRedisBus(url, quiet, prefix);
    try {
      const seen: DomainEvent[] = [];
      const own: DomainEvent[] = [];
      nodeB.subscribe((e) => seen.push(e));
      nodeA.subscribe((e) => own.push(e));
      const event: DomainEvent = {
        id: "01a20000-0000-7000-8000-00000000000a",
        workspaceId: env.admin.workspaceId,
        type: "conversation.created",
        actor: { type: "system", id: null },
        conversationId: null,
        payload: { number: 1, contactId: "01a20000-0000-7000-8000-00000000000b", inboxId: "01a20000-0000-7000-8000-00000000000c" },
        createdAt: new Date().toISOString(),
      };
      nodeA.publish(event);
      expect(own).toEqual([event]); // at once, without a round trip through Redis
      await until(() => seen.length > 0);
      expect(seen).toEqual([event]);
      await new Promise((r) => setTimeout(r, 100));
      expect(own).toEqual([event]); // and not a second time when Redis echoes it
    } finally {
      await nodeA.close();
      await nodeB.close();
    }
  });
});
