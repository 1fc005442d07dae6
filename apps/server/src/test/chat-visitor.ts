import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import type { ConversationDto, InboxDto, VisitorMessageDto, VisitorSessionDto } from "@atende/shared";
import type { AgentClient, TestApp } from "./test-app.js";

/** A visitor of a chat inbox's site, through the widget's API: what they say and see; `agent` reads their conversation. */
export async function chatVisitor(t: TestApp, inbox: InboxDto, agent: AgentClient) {
  const started = await t.app.inject({ method: "POST", url: "/widget/v1/sessions", remoteAddress: `10.9.${String(Math.floor(Math.random() * 250))}.1`, payload: { widgetToken: inbox.chat?.widgetToken } });
  expect(started.statusCode, started.body).toBe(200);
  const headers = { authorization: `Bearer ${started.json<VisitorSessionDto>().visitorToken}` };
  return {
    say: async (body: string) => {
      const res = await t.app.inject({ method: "POST", url: "/widget/v1/messages", headers, payload: { clientId: randomUUID(), body } });
      expect(res.statusCode, res.body).toBe(201);
    },
    /** What the visitor sees, once the attendant has said `count` messages. */
    sees: async (count: number) => {
      let seen: VisitorMessageDto[] = [];
      await expect
        .poll(async () => {
          const res = await t.app.inject({ method: "GET", url: "/widget/v1/messages", headers });
          seen = res.json<VisitorSessionDto["conversation"]>()?.messages ?? [];
          return seen.filter((m) => m.sender.type === "bot").length;
        }, { timeout: 15_000 })
        .toBeGreaterThanOrEqual(count);
      return seen;
    },
    conversation: async () => {
      const res = await t.app.inject({ method: "GET", url: "/widget/v1/messages", headers });
      const id = res.json<VisitorSessionDto["conversation"]>()?.id ?? "";
      return (await agent.request({ method: "GET", url: `/api/v1/conversations/${id}` })).json<ConversationDto>();
    },
  };
}
