import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { MessageDto, VisitorSessionDto } from "@atende/shared";
import { useSignedInAdmin } from "../../test/test-app.js";
import { useChatWithMailInbox } from "../../test/company-mail-server.js";
import { markReadByVisitor, visitorByToken, visitorConversationIds } from "./service.js";
import { sendChatFallback } from "./email-fallback.js";

const env = useSignedInAdmin();
const inboxes = useChatWithMailInbox(() => env.admin);

/** A visitor who says something, and the agent's replies to it; returns the ids involved. */
async function chatWith(visitor: { email?: string; language?: string }, replies: string[]) {
  const session = await env.t.app.inject({
    method: "POST",
    url: "/widget/v1/sessions",
    payload: { widgetToken: inboxes.chat.chat?.widgetToken, ...(visitor.email ? { email: visitor.email } : {}), context: { language: visitor.language ?? "en" } },
  });
  const { visitorToken } = session.json<VisitorSessionDto>();
  await env.t.app.inject({
    method: "POST",
    url: "/widget/v1/messages",
    headers: { authorization: `Bearer ${visitorToken}` },
    payload: { clientId: randomUUID(), body: "Olá, alguém aí?" },
  });
  const again = await env.t.app.inject({ method: "POST", url: "/widget/v1/sessions", payload: { widgetToken: inboxes.chat.chat?.widgetToken, visitorToken } });
  const conversationId = again.json<VisitorSessionDto>().conversation?.id ?? "";
  const ids: string[] = [];
  for (const body of replies) {
    const res = await env.admin.request({ method: "POST", url: `/api/v1/conversations/${conversationId}/messages`, payload: { body } });
    ids.push(res.json<MessageDto>().id);
  }
  return { visitorToken, conversationId, replyIds: ids };
}

describe("chat replies a visitor left unread", () => {
  it("reach the visitor by e-mail, all in one, in their language, answerable into the same conversation", async () => {
    const { conversationId, replyIds } = await chatWith({ email: "joana@cliente.example", language: "pt-BR" }, [
      "Oi Joana! Já verifico.",
      "Pronto: o reembolso foi feito.",
    ]);
    const [first, last] = [replyIds[0] ?? "", replyIds[1] ?? ""];
    expect(await sendChatFallback(env.t.runtime, env.admin.workspaceId, first)).toBe("skipped"); // the newer one carries it
    expect(await sendChatFallback(env.t.runtime, env.admin.workspaceId, last)).toBe("sent");
    const mail = inboxes.company.outbox.at(-1);
    expect(mail?.subject).toMatch(/^Sua conversa com /);
    expect(mail?.text).toContain("Oi Joana! Já verifico.\n\nPronto: o reembolso foi feito.");
    expect(mail?.text).toContain("Responda a este e-mail para continuar.");
    expect(mail?.replyTo?.value[0]?.address).toMatch(/^suporte\+\d+-[0-9a-f]{20}@loja\.example$/);
    expect(await sendChatFallback(env.t.runtime, env.admin.workspaceId, last)).toBe("skipped"); // sent once
    const timeline = await env.admin.request({ method: "GET", url: `/api/v1/conversations/${conversationId}/messages` });
    expect(timeline.json<{ items: MessageDto[] }>().items.filter((m) => m.email?.to[0] === "joana@cliente.example")).toHaveLength(2);
  });

  it("are not e-mailed once read, nor without an address to write to", async () => {
    const before = inboxes.company.outbox.length;
    const read = await chatWith({ email: "rui@cliente.example" }, ["Resposta que o Rui leu"]);
    const visitor = await visitorByToken(env.t.runtime.db, read.visitorToken);
    await markReadByVisitor(env.t.runtime, visitor, await visitorConversationIds(env.t.runtime.db, visitor), read.replyIds[0] ?? "");
    expect(await sendChatFallback(env.t.runtime, env.admin.workspaceId, read.replyIds[0] ?? "")).toBe("skipped");
    const anonymous = await chatWith({}, ["Resposta para ninguém"]);
    expect(await sendChatFallback(env.t.runtime, env.admin.workspaceId, anonymous.replyIds[0] ?? "")).toBe("skipped");
    expect(inboxes.company.outbox.length).toBe(before);
  });
});
