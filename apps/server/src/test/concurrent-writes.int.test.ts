import { randomBytes, randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { ArticleCategoryDto, ArticleDto, ContactDto, ConversationDto, InboxDto, MessageDto, Problem, TagDto, VisitDto, VisitorSessionDto } from "@atende/shared";
import { foreignKeyViolation } from "../lib/db-errors.js";
import { chatVisitor } from "./chat-visitor.js";
import { buildTestApp, newConversation, newWorkspace, useSignedInAdmin, type AgentClient } from "./test-app.js";

/**
 * Writes racing each other, as clients send them: at once. On PostgreSQL they meet in the database
 * (each request its own connection); on the embedded engine they take turns, and must come out the
 * same. Each case runs for several rounds, since a race is not met every time.
 */
const env = useSignedInAdmin();
const ROUNDS = 8;

const statusesOf = (responses: { statusCode: number }[]) => responses.map((r) => r.statusCode);
const messagesOf = async (agent: AgentClient, conversationId: string) =>
  (await agent.request({ method: "GET", url: `/api/v1/conversations/${conversationId}/messages?limit=100` })).json<{ items: MessageDto[] }>().items;
const conversationOf = async (agent: AgentClient, id: string) => (await agent.request({ method: "GET", url: `/api/v1/conversations/${id}` })).json<ConversationDto>();

describe("a write naming a row deleted at the same moment", () => {
  it("is read back by the database's own error as the field that named it", async () => {
    const failed = await env.t.runtime.db
      .execute(sql`INSERT INTO conversation_tag (workspace_id, conversation_id, tag_id) VALUES (${env.admin.workspaceId}, ${randomUUID()}, ${randomUUID()})`)
      .then(() => null, (err: unknown) => err);
    expect(foreignKeyViolation(failed)).toMatchObject({ missing: true });
    expect(["conversation_id", "tag_id"]).toContain(foreignKeyViolation(failed)?.column);
  });

  it("is a 422 naming the field, never a 500: a conversation's team, an article's category", async () => {
    const { conversationId } = await newConversation(env.admin);
    for (let round = 0; round < ROUNDS; round++) {
      const team = (await env.admin.request({ method: "POST", url: "/api/v1/teams", payload: { name: `Team ${String(round)}` } })).json<{ id: string }>();
      const [moved, deleted] = await Promise.all([
        env.admin.request({ method: "PATCH", url: `/api/v1/conversations/${conversationId}`, payload: { teamId: team.id } }),
        env.admin.request({ method: "DELETE", url: `/api/v1/teams/${team.id}` }),
      ]);
      expect(deleted.statusCode).toBe(204);
      expect([200, 422]).toContain(moved.statusCode);
      if (moved.statusCode === 422) expect(moved.json<Problem>().errors?.map((e) => e.path)).toEqual(["teamId"]);
      // Whichever came first, the conversation is in no deleted team.
      expect((await conversationOf(env.admin, conversationId)).team).toBeNull();
    }
    for (let round = 0; round < ROUNDS; round++) {
      const category = (await env.admin.request({ method: "POST", url: "/api/v1/article-categories", payload: { names: { en: `Billing ${String(round)}` } } })).json<ArticleCategoryDto>();
      const [written, deleted] = await Promise.all([
        env.admin.request({ method: "POST", url: "/api/v1/articles", payload: { locale: "en", title: `Paying ${String(round)}`, body: "By card.", categoryId: category.id } }),
        env.admin.request({ method: "DELETE", url: `/api/v1/article-categories/${category.id}` }),
      ]);
      expect(deleted.statusCode).toBe(204);
      expect([201, 422]).toContain(written.statusCode);
      if (written.statusCode === 422) expect(written.json<Problem>().errors?.map((e) => e.path)).toEqual(["categoryId"]);
    }
  });

  it("tags a conversation with a tag deleted at that moment: the tag is made again, or goes after with its use", async () => {
    const { conversationId } = await newConversation(env.admin);
    for (let round = 0; round < ROUNDS; round++) {
      const name = `urgent-${String(round)}`;
      const tag = (await env.admin.request({ method: "POST", url: "/api/v1/tags", payload: { name } })).json<TagDto>();
      const [tagged, deleted] = await Promise.all([
        env.admin.request({ method: "PATCH", url: `/api/v1/conversations/${conversationId}`, payload: { addTags: [name] } }),
        env.admin.request({ method: "DELETE", url: `/api/v1/tags/${tag.id}` }),
      ]);
      expect(statusesOf([tagged, deleted])).toEqual([200, 204]);
      // What the conversation shows is what there is: its tags all exist.
      const shown = (await conversationOf(env.admin, conversationId)).tags;
      const existing = (await env.admin.request({ method: "GET", url: "/api/v1/tags" })).json<TagDto[]>().map((t) => t.name);
      expect(shown.filter((t) => !existing.includes(t))).toEqual([]);
    }
  });

  it("updates a contact being merged away: 404, not a misleading 422", async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const { contactId: target } = await newConversation(env.admin);
      const { contactId: source } = await newConversation(env.admin);
      const [updated, merged] = await Promise.all([
        env.admin.request({ method: "PATCH", url: `/api/v1/contacts/${source}`, payload: { customAttributes: { plan: "fibra 500" } } }),
        env.admin.request({ method: "POST", url: `/api/v1/contacts/${target}/merge`, payload: { otherId: source } }),
      ]);
      expect(merged.statusCode).toBe(200);
      expect([200, 404]).toContain(updated.statusCode);
      if (updated.statusCode === 200) {
        // It came first: the merge kept it (the target's own attributes win, and it had none).
        const kept = (await env.admin.request({ method: "GET", url: `/api/v1/contacts/${target}` })).json<ContactDto>();
        expect(kept.customAttributes).toMatchObject({ plan: "fibra 500" });
      }
    }
  });
});

describe("one set edited at once", () => {
  it("a team's members: each edit whole, the last one standing, never a 500", async () => {
    const team = (await env.admin.request({ method: "POST", url: "/api/v1/teams", payload: { name: "Suporte N2" } })).json<{ id: string }>();
    const agents = await Promise.all(["Ana", "Bruno", "Carla"].map(async (name) => (await env.admin.request({ method: "POST", url: "/api/v1/agents", payload: { email: `${name.toLowerCase()}-${randomUUID()}@example.com`, name, role: "agent", password: "correct horse battery" } })).json<{ id: string }>().id));
    const sets = [agents, agents.slice(0, 2), agents.slice(1)];
    for (let round = 0; round < ROUNDS; round++) {
      const edits = await Promise.all(sets.map((memberIds) => env.admin.request({ method: "PATCH", url: `/api/v1/teams/${team.id}`, payload: { memberIds } })));
      expect(statusesOf(edits)).toEqual([200, 200, 200]);
      const now = (await env.admin.request({ method: "GET", url: `/api/v1/teams/${team.id}` })).json<{ memberIds: string[] }>().memberIds;
      expect(sets.map((set) => [...set].sort().join())).toContain([...now].sort().join());
    }
  });
});

describe("a row read and written back by edits at once", () => {
  it("an inbox: each edit keeps the others' fields, and the attendant's versions count every change", async () => {
    const chat = (await env.admin.request({ method: "POST", url: "/api/v1/inboxes", payload: { name: "Chat", channel: "chat" } })).json<InboxDto>();
    const edits = await Promise.all(
      [{ virtualAttendant: { enabled: true, name: "Lia" } }, { virtualAttendant: { when: "offline" } }, { virtualAttendant: { greeting: { en: "Hi!" } } }, { widget: { color: "#0b7285" } }, { name: "Chat do site" }].map((payload) =>
        env.admin.request({ method: "PATCH", url: `/api/v1/inboxes/${chat.id}`, payload }),
      ),
    );
    expect(statusesOf(edits)).toEqual([200, 200, 200, 200, 200]);
    const versions = edits.slice(0, 3).map((e) => e.json<InboxDto>().virtualAttendant?.version);
    expect(new Set(versions).size).toBe(3);
    const now = (await env.admin.request({ method: "GET", url: `/api/v1/inboxes/${chat.id}` })).json<InboxDto>();
    expect(now).toMatchObject({ name: "Chat do site", chat: { color: "#0b7285" }, virtualAttendant: { enabled: true, name: "Lia", when: "offline", greeting: { en: "Hi!" } } });
  });

  it("a visitor's page reports: what each says is kept", async () => {
    const chat = (await env.admin.request({ method: "POST", url: "/api/v1/inboxes", payload: { name: "Chat", channel: "chat" } })).json<InboxDto>();
    const token = (await env.t.app.inject({ method: "POST", url: "/widget/v1/sessions", remoteAddress: "198.51.100.140", payload: { widgetToken: chat.chat?.widgetToken } })).json<VisitorSessionDto>().visitorToken;
    const reports = [{ page: "https://loja.example/kosik" }, { language: "cs" }, { timeZone: "Europe/Prague" }, { pageTitle: "Košík" }];
    const sent = await Promise.all(reports.map((context) => env.t.app.inject({ method: "PATCH", url: "/widget/v1/visitor", headers: { authorization: `Bearer ${token}` }, payload: { context } })));
    expect(statusesOf(sent)).toEqual([204, 204, 204, 204]);
    await env.t.app.inject({ method: "POST", url: "/widget/v1/messages", headers: { authorization: `Bearer ${token}` }, payload: { clientId: randomUUID(), body: "Dobrý den" } });
    const list = await env.admin.request({ method: "GET", url: `/api/v1/conversations?status=all&inboxId=${chat.id}` });
    const contactId = list.json<{ items: { contact: { id: string } }[] }>().items[0]?.contact.id ?? "";
    const [visit] = (await env.admin.request({ method: "GET", url: `/api/v1/contacts/${contactId}/visits` })).json<VisitDto[]>();
    expect(visit?.context).toMatchObject(Object.assign({}, ...reports) as object);
  });
});

describe("signing in while the password changes", () => {
  it("leaves no session made with the old password", async () => {
    for (let round = 0; round < ROUNDS / 2; round++) {
      const email = `rita-${randomUUID()}@example.com`;
      const made = await env.admin.request({ method: "POST", url: "/api/v1/agents", payload: { email, name: "Rita", role: "agent", password: "correct horse battery" } });
      const id = made.json<{ id: string }>().id;
      const [changed, ...logins] = await Promise.all([
        env.admin.request({ method: "PATCH", url: `/api/v1/agents/${id}`, payload: { password: "a brand new passphrase" } }),
        ...Array.from({ length: 3 }, () => env.t.app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { email, password: "correct horse battery" } })),
      ]);
      expect(changed.statusCode).toBe(200);
      for (const login of logins) {
        expect([200, 401]).toContain(login.statusCode);
        const cookie = login.cookies.find((c) => c.name === "atende_session");
        if (!cookie) continue;
        // Made before the change, it was ended with the others; after it, it could not be made.
        const me = await env.t.app.inject({ method: "GET", url: "/api/v1/me", cookies: { atende_session: cookie.value } });
        expect(me.statusCode).toBe(401);
      }
    }
  });
});

describe("articles and categories made from one title at the same moment", () => {
  it("each get their own slug and place: no 409 for a slug the client never gave", async () => {
    const titles = Array.from({ length: 4 }, () => "How to reset the router");
    const articles = await Promise.all(titles.map((title) => env.admin.request({ method: "POST", url: "/api/v1/articles", payload: { locale: "en", title, body: "Hold the button." } })));
    expect(statusesOf(articles)).toEqual([201, 201, 201, 201]);
    expect(new Set(articles.map((a) => a.json<ArticleDto>().slug)).size).toBe(4);
    expect(new Set(articles.map((a) => a.json<ArticleDto>().position)).size).toBe(4); // each its own place, not one shared
    const categories = await Promise.all(titles.map(() => env.admin.request({ method: "POST", url: "/api/v1/article-categories", payload: { names: { en: "Routers" } } })));
    expect(statusesOf(categories)).toEqual([201, 201, 201, 201]);
    expect(new Set(categories.map((c) => c.json<ArticleCategoryDto>().slug)).size).toBe(4);
    expect(new Set(categories.map((c) => c.json<ArticleCategoryDto>().position)).size).toBe(4);
  });
});

describe("messages to one conversation at once", () => {
  it("leave its preview and time on the latest one, and the wait on the customer's earliest unanswered message", async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const { conversationId } = await newConversation(env.admin);
      const sent = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          env.admin.request({ method: "POST", url: `/api/v1/conversations/${conversationId}/messages`, payload: { body: `message ${String(i)}`, ...(i % 2 === 0 ? { direction: "incoming" } : {}) } }),
        ),
      );
      expect(statusesOf(sent).every((s) => s === 201)).toBe(true);
      const replies = (await messagesOf(env.admin, conversationId)).filter((m) => m.kind === "reply");
      // The timeline is in the order the messages were written: stamped, and stamped again after any written meanwhile.
      const stamps = replies.map((m) => `${m.createdAt} ${m.id}`);
      expect([...stamps].sort()).toEqual(stamps);
      expect(new Set(replies.map((m) => m.createdAt)).size).toBe(replies.length);
      const latest = replies.at(-1);
      const conversation = await conversationOf(env.admin, conversationId);
      expect(conversation.lastActivityAt).toBe(latest?.createdAt);
      expect(conversation.lastMessage).toMatchObject({ createdAt: latest?.createdAt, preview: latest?.body });
      // The wait: since the first customer message after the last agent reply, or none if the agent spoke last.
      const lastAnswer = replies.findLastIndex((m) => m.direction === "outgoing");
      const waiting = replies.slice(lastAnswer + 1).find((m) => m.direction === "incoming");
      expect(conversation.waitingSince).toBe(waiting?.createdAt ?? null);
    }
  });

  it("to a conversation merged away, before or at that moment, go where its messages went", async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const { conversationId: target, inboxId, contactId } = await newConversation(env.admin);
      const other = (
        await env.admin.request({ method: "POST", url: "/api/v1/conversations", payload: { inboxId, contactId, message: { body: "outra conversa" } } })
      ).json<ConversationDto>();
      const [posted, merged] = await Promise.all([
        env.admin.request({ method: "POST", url: `/api/v1/conversations/${other.id}/messages`, payload: { body: `ainda aqui ${String(round)}`, direction: "incoming" } }),
        env.admin.request({ method: "POST", url: `/api/v1/conversations/${target}/merge`, payload: { otherId: other.id } }),
      ]);
      expect(statusesOf([posted, merged])).toEqual([201, 200]);
      expect((await messagesOf(env.admin, target)).map((m) => m.id)).toContain(posted.json<MessageDto>().id);
      expect((await messagesOf(env.admin, other.id)).filter((m) => m.kind !== "activity")).toEqual([]);
      // Once merged, a message sent to the old one's address goes there too, and says where it is.
      const late = await env.admin.request({ method: "POST", url: `/api/v1/conversations/${other.id}/messages`, payload: { body: "depois", direction: "incoming" } });
      expect(late.statusCode).toBe(201);
      expect(late.json<MessageDto>().conversationId).toBe(target);
    }
  });
});

describe("uploads at once", () => {
  it("never pass the quota together", async () => {
    const KB = 1024;
    const t = await buildTestApp({ ATENDE_UNSENT_UPLOADS_PER_WORKSPACE_BYTES: String(400 * KB) });
    try {
      const admin = await newWorkspace(t);
      const sent = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          admin.request({ method: "POST", url: "/api/v1/uploads?fileName=a.bin", remoteAddress: `198.51.100.${String(120 + i)}`, headers: { "content-type": "application/octet-stream" }, payload: randomBytes(100 * KB) }),
        ),
      );
      // Room for four of the eight, and no more.
      expect(statusesOf(sent).sort()).toEqual([201, 201, 201, 201, 429, 429, 429, 429]);
    } finally {
      await t.close();
    }
  });
});

describe("the virtual attendant and an agent at once", () => {
  it("never greets after the agent took the conversation", async () => {
    const made = await env.admin.request({ method: "POST", url: "/api/v1/inboxes", payload: { name: "Chat", channel: "chat" } });
    const inbox = (await env.admin.request({ method: "PATCH", url: `/api/v1/inboxes/${made.json<InboxDto>().id}`, payload: { virtualAttendant: { enabled: true, name: "Lia" } } })).json<InboxDto>();
    for (let round = 0; round < ROUNDS / 2; round++) {
      const visitor = await chatVisitor(env.t, inbox, env.admin);
      await visitor.say("oi, minha internet caiu");
      const { id } = await visitor.conversation();
      const reply = await env.admin.request({ method: "POST", url: `/api/v1/conversations/${id}/messages`, payload: { body: "Olá, sou a Ana: já vejo a sua linha." } });
      expect(reply.statusCode).toBe(201);
      await new Promise((resolve) => setTimeout(resolve, 1500)); // the attendant's turn, if it takes one
      const after = (await messagesOf(env.admin, id)).filter((m) => m.id > reply.json<MessageDto>().id);
      expect(after.filter((m) => m.senderType === "bot")).toEqual([]);
    }
  });
});
