import { describe, expect, it } from "vitest";
import { DomainEvent, EVENT_TYPES } from "./events.js";

const envelope = {
  id: "01a20000-0000-7000-8000-000000000001",
  workspaceId: "01a20000-0000-7000-8000-000000000002",
  actor: { type: "agent", id: "01a20000-0000-7000-8000-000000000003" },
  conversationId: "01a20000-0000-7000-8000-000000000004",
  createdAt: "2026-12-02T10:00:00.000Z",
};

describe("the domain event union", () => {
  it("has one member for every event type, and no other", () => {
    expect(DomainEvent.options.map((o) => o.shape.type.value).sort()).toEqual([...EVENT_TYPES].sort());
  });

  it("reads each type's payload by its own schema", () => {
    const updated = DomainEvent.parse({
      ...envelope,
      type: "conversation.updated",
      payload: { changes: { status: { from: "open", to: "resolved" }, tags: { from: [], to: ["vip"] } } },
    });
    expect(updated.type === "conversation.updated" && updated.payload.changes.status?.to).toBe("resolved");
    const delivery = { ...envelope, type: "message.delivery_changed", payload: { messageId: envelope.id, from: "sent", to: "failed", reason: "bounced", error: "returned" } };
    expect(DomainEvent.safeParse(delivery).success).toBe(true);
  });

  it("refuses a payload of another type, an unknown type, and a status that does not exist", () => {
    expect(DomainEvent.safeParse({ ...envelope, type: "conversation.assigned", payload: { number: 1 } }).success).toBe(false);
    expect(DomainEvent.safeParse({ ...envelope, type: "conversation.deleted", payload: {} }).success).toBe(false);
    expect(DomainEvent.safeParse({ ...envelope, type: "conversation.status_changed", payload: { from: "open", to: "closed" } }).success).toBe(false);
  });
});
