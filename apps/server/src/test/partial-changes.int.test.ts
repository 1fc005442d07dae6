import { describe, expect, it } from "vitest";
import type { InboxDto, TeamDto, VisitDto, VisitorSessionDto } from "@atende/shared";
import { addAgent, useSignedInAdmin } from "./test-app.js";

const env = useSignedInAdmin();

describe("a change keeps what it does not mention", () => {
  it("renaming a team keeps its members", async () => {
    const agent = await addAgent(env.t, env.admin, "agent", "Membro");
    const team = (await env.admin.request({ method: "POST", url: "/api/v1/teams", payload: { name: "Suporte", memberIds: [agent.agentId] } })).json<TeamDto>();
    const renamed = await env.admin.request({ method: "PATCH", url: `/api/v1/teams/${team.id}`, payload: { name: "Suporte N1" } });
    expect(renamed.json<TeamDto>()).toMatchObject({ name: "Suporte N1", memberIds: [agent.agentId] });
  });

  it("a visitor's report of their page keeps their browser, language and time zone", async () => {
    const chat = (await env.admin.request({ method: "POST", url: "/api/v1/inboxes", payload: { name: "Chat", channel: "chat" } })).json<InboxDto>();
    const started = await env.t.app.inject({
      method: "POST",
      url: "/widget/v1/sessions",
      payload: { widgetToken: chat.chat?.widgetToken, context: { page: "https://loja.example/", userAgent: "Mozilla/5.0 Firefox/140.0", language: "cs", timeZone: "Europe/Prague" } },
    });
    const token = started.json<VisitorSessionDto>().visitorToken;
    const moved = await env.t.app.inject({
      method: "PATCH",
      url: "/widget/v1/visitor",
      headers: { authorization: `Bearer ${token}` },
      payload: { context: { page: "https://loja.example/kosik", pageTitle: "Košík" } },
    });
    expect(moved.statusCode).toBe(204);
    await env.t.app.inject({ method: "POST", url: "/widget/v1/messages", headers: { authorization: `Bearer ${token}` }, payload: { clientId: "partial-1", body: "Dobrý den" } });
    const list = await env.admin.request({ method: "GET", url: `/api/v1/conversations?status=all&inboxId=${chat.id}` });
    const contactId = list.json<{ items: { contact: { id: string } }[] }>().items[0]?.contact.id ?? "";
    const [visit] = (await env.admin.request({ method: "GET", url: `/api/v1/contacts/${contactId}/visits` })).json<VisitDto[]>();
    expect(visit?.context).toEqual({
      page: "https://loja.example/kosik",
      pageTitle: "Košík",
      userAgent: "Mozilla/5.0 Firefox/140.0",
      language: "cs",
      timeZone: "Europe/Prague",
    });
  });
});
