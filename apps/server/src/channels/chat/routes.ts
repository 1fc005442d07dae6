import type {} from "@fastify/rate-limit";
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod, ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  CHAT_UPLOAD_TYPES,
  ConfirmEmailCodeBody,
  EmailCodeSentDto,
  Problem,
  SendEmailCodeBody,
  text,
  UploadDto,
  StartVisitorSessionBody,
  UpdateVisitorBody,
  VisitorMessageBody,
  VisitorMessageDto,
  VisitorSessionDto,
  VisitDto,
  type DomainEvent,
  type ServerFrame,
} from "@atende/shared";
import { AppError } from "../../lib/app-error.js";
import { IdParams, problems, withCtx } from "../../plugins/route-helpers.js";
import { findAvatar, initialsAvatar } from "../../modules/agents/avatar.js";
import { sendStoredFile } from "../../modules/attachments/serve.js";
import { loadAttachment } from "../../modules/attachments/service.js";
import { acceptRawBodies, receiveUpload, UploadQuery } from "../../modules/attachments/uploads.js";
import { serveConnection } from "../../realtime/connection.js";
import type { Subscriber } from "../../realtime/hub.js";
import { replayEvents } from "../../realtime/replay.js";
import { confirmEmailCode, sendEmailCode } from "./email-proof.js";
import {
  findWidget,
  widgetOf,
  listContactVisits,
  markReadByVisitor,
  originAllowed,
  postVisitorMessage,
  startVisitorSession,
  toVisitorMessage,
  visitorActor,
  updateVisitor,
  visitorByToken,
  visitorConversationIds,
  visitorMessages,
  type Visitor,
} from "./service.js";

/** The widget's endpoints are rate-limited too. */
const widgetProblems = { ...problems, 429: Problem };

function visitorToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  return header?.startsWith("Bearer ") ? header.slice(7).trim() : undefined;
}

/** What a visitor's socket sends for an event: its visible messages, nothing else. */
function visitorFrame(event: DomainEvent): ServerFrame | null {
  if (event.type === "message.read" && event.conversationId) {
    return { type: "read", eventId: event.id, conversationId: event.conversationId, upTo: event.payload.upTo, by: event.payload.by };
  }
  if (event.type !== "message.created" || !event.conversationId) return null;
  const message = toVisitorMessage(event.payload.message);
  return message ? { type: "message", eventId: event.id, conversationId: event.conversationId, message } : null;
}

/** The visitor's socket is opened with its visitor token in the address (browsers send no header with a WebSocket). */
const SocketQuery = z.object({ token: text(200) });

/**
 * The chat widget's public API, under `/widget/v1`: a visitor session from the widget token, the
 * visitor's messages, and its realtime socket. Rate-limited per visitor and per address, so one
 * visitor's flood does not slow the others.
 */
export const widgetRoutes: FastifyPluginAsyncZod = async (app) => {
  const { runtime } = app;
  const tags = ["widget"];
  const checkOrigin = async (request: FastifyRequest, settings: Parameters<typeof originAllowed>[0]) => {
    if (!originAllowed(settings, request.headers.origin, request.headers.host)) {
      throw AppError.forbidden("This site is not allowed to use this chat widget.");
    }
  };
  const authed = (request: FastifyRequest): Promise<Visitor> => visitorByToken(runtime.db, visitorToken(request));
  const perVisitor = { rateLimit: { max: 30, timeWindow: "10 seconds", keyGenerator: (req: FastifyRequest) => visitorToken(req) ?? req.ip } };
  // What all the visitors at one address send together: a new visitor is cheap to start, so a
  // per-visitor limit alone lets one address send as much as it starts visitors.
  // (Counted apart from the route's own limit: only one of those runs for a request.)
  const sentFromAddress = app.createRateLimit({
    max: runtime.config.widgetMessagesPerAddressMinute,
    timeWindow: "1 minute",
    keyGenerator: (req) => `widget-sending|${req.ip}`,
  });
  const perAddressSending = async (request: FastifyRequest) => {
    const counted = await sentFromAddress(request);
    if (!counted.isAllowed && counted.isExceeded) {
      throw new AppError("RATE_LIMITED", "Too many messages from this address; wait a minute and try again.");
    }
  };

  app.post(
    "/sessions",
    {
      schema: { tags, summary: "Starts or continues a visitor's session", body: StartVisitorSessionBody, response: { 200: VisitorSessionDto, ...widgetProblems } },
      config: { rateLimit: { max: 30, timeWindow: "1 minute" } },
    },
    async (request) => {
      const widget = await findWidget(runtime.db, request.body.widgetToken);
      await checkOrigin(request, widget.settings);
      return startVisitorSession(runtime, widget, request.body);
    },
  );

  app.post(
    "/email-verification",
    {
      schema: {
        tags,
        summary: "Mails the visitor a one-time code that proves an address is theirs (then their earlier chats follow them)",
        body: SendEmailCodeBody,
        response: { 202: EmailCodeSentDto, 503: Problem, ...widgetProblems },
      },
      // Per address, so that nobody can flood someone's mailbox with codes from many browsers.
      config: {
        rateLimit: {
          max: 5,
          timeWindow: "1 hour",
          hook: "preValidation", // after body parsing, so the key can be the address
          keyGenerator: (req) => {
            const email = (req.body as { email?: unknown } | undefined)?.email; // raw body, before validation
            return `code|${typeof email === "string" ? email.trim().toLowerCase() : req.ip}`;
          },
        },
      },
    },
    async (request, reply) => reply.code(202).send(await sendEmailCode(runtime, await authed(request), request.body.email)),
  );

  app.post(
    "/email-verification/confirm",
    {
      schema: {
        tags,
        summary: "Checks the code: the visitor's conversations join the contact with that address",
        body: ConfirmEmailCodeBody,
        response: { 200: VisitorSessionDto, ...widgetProblems },
      },
      config: perVisitor,
    },
    async (request) => {
      const visitor = await authed(request);
      const widget = await widgetOf(runtime.db, visitor.inboxId);
      return confirmEmailCode(runtime, widget, visitor, visitorToken(request) ?? "", request.body.code);
    },
  );

  app.get(
    "/messages",
    { schema: { tags, summary: "The visitor's current conversation", response: { 200: VisitorSessionDto.shape.conversation, ...widgetProblems } }, config: perVisitor },
    async (request) => visitorMessages(runtime, await authed(request)),
  );

  app.post(
    "/messages",
    {
      schema: { tags, summary: "Sends a visitor's message (idempotent by clientId)", body: VisitorMessageBody, response: { 201: VisitorMessageDto, ...widgetProblems } },
      config: perVisitor,
      preHandler: perAddressSending,
    },
    async (request, reply) => reply.code(201).send(await postVisitorMessage(runtime, await authed(request), request.body)),
  );

  await app.register(async (uploads) => {
    acceptRawBodies(uploads);
    uploads.withTypeProvider<ZodTypeProvider>().post(
      "/uploads",
      {
        schema: {
          tags,
          summary: "Uploads a file the visitor sends (the body, with its Content-Type): pictures, PDF, text and office documents",
          querystring: UploadQuery,
          response: { 201: UploadDto, 413: Problem, 415: Problem, ...widgetProblems },
        },
        config: { rateLimit: { max: 10, timeWindow: "1 minute", keyGenerator: perVisitor.rateLimit.keyGenerator } },
        preHandler: perAddressSending,
      },
      async (request, reply) => {
        const visitor = await authed(request);
        const upload = await receiveUpload(request, {
          uploader: { workspaceId: visitor.workspaceId, visitorId: visitor.id, agentId: null, ip: request.ip },
          fileName: request.query.fileName,
          maxBytes: runtime.config.chatUploadMaxBytes,
          allowed: { types: CHAT_UPLOAD_TYPES, hint: "send a picture, a PDF, a text or an office document." },
        });
        return reply.code(201).send(upload);
      },
    );
  });

  app.get(
    "/attachments/:id",
    {
      schema: {
        tags,
        summary: "A file in the visitor's conversations (theirs or an agent's reply)",
        params: IdParams,
        response: { 200: z.unknown().describe("the file's bytes"), 304: z.null(), ...widgetProblems },
      },
      config: { rateLimit: { max: 120, timeWindow: "1 minute", keyGenerator: perVisitor.rateLimit.keyGenerator } },
    },
    async (request, reply) => {
      const visitor = await authed(request);
      const file = await runtime.read(visitorActor(visitor), (ctx) => loadAttachment(ctx, request.params.id, visitor));
      return sendStoredFile(request, reply, runtime.files, file);
    },
  );

  app.get(
    "/avatars/:id",
    {
      schema: {
        tags,
        summary: "An agent's picture, or their initials (SVG) when they chose none",
        params: IdParams,
        response: { 200: z.unknown().describe("the image"), 304: z.null(), ...widgetProblems },
      },
    },
    async (request, reply) => {
      const agent = await findAvatar(runtime.db, request.params.id);
      // Public like the agent's name in a chat; revalidated after five minutes, so a new picture shows soon.
      const cache = "public, max-age=300";
      if (agent.sha256 && agent.type) {
        const file = { sha256: agent.sha256, size: null, fileName: "avatar", servedType: agent.type, inline: true };
        return sendStoredFile(request, reply, runtime.files, file, cache);
      }
      const svg = initialsAvatar(request.params.id, agent.name);
      return reply
        .header("content-type", "image/svg+xml")
        .header("cache-control", cache)
        .header("content-security-policy", "default-src 'none'; style-src 'unsafe-inline'")
        .header("x-content-type-options", "nosniff")
        .send(svg);
    },
  );

  app.patch(
    "/visitor",
    { schema: { tags, summary: "Reports the visitor's page and the site's attributes", body: UpdateVisitorBody, response: { 204: z.null(), ...widgetProblems } }, config: perVisitor },
    async (request, reply) => {
      await updateVisitor(runtime, await authed(request), request.body);
      return reply.code(204).send(null);
    },
  );

  // Found before the upgrade: the handler must listen to the socket at once, or early frames are lost.
  const sockets = new WeakMap<FastifyRequest, { visitor: Visitor; following: Set<string> }>();
  app.get(
    "/socket",
    {
      websocket: true,
      schema: { tags, summary: "WebSocket: the visitor's messages as they commit, resumable", querystring: SocketQuery },
      config: { rateLimit: { max: runtime.config.widgetConnectionsPerMinute, timeWindow: "1 minute" } },
      preValidation: async (request) => {
        // Before the schema runs (a visitor without a token is told to start a session, 401, not 422):
        // the raw query may hold anything (`?token=a&token=b` is an array), so it is parsed here too.
        const parsed = SocketQuery.safeParse(request.query);
        const visitor = await visitorByToken(runtime.db, parsed.success ? parsed.data.token : undefined);
        sockets.set(request, { visitor, following: new Set(await visitorConversationIds(runtime.db, visitor)) });
      },
    },
    (socket, request) => {
      const found = sockets.get(request);
      if (!found) throw new Error("the visitor is found before the upgrade");
      const { visitor, following } = found;
      const stops: (() => void)[] = [];
      let subscriber: Subscriber | null = null;
      /** Follows a conversation of this visitor's (its first message, or one an agent opened). */
      const follow = (conversationId: string) => {
        if (following.has(conversationId)) return;
        following.add(conversationId);
        if (subscriber) stops.push(app.hub.watchConversation(conversationId, subscriber));
      };
      serveConnection(socket, {
        replay: async (after) => {
          // A conversation opened on another node while the bus could not say so is found here.
          for (const id of await visitorConversationIds(runtime.db, visitor)) follow(id);
          return replayEvents(runtime.db, { workspaceId: visitor.workspaceId, conversationIds: [...following] }, after);
        },
        watch: (watcher) => {
          subscriber = watcher;
          for (const id of following) stops.push(app.hub.watchConversation(id, watcher));
          stops.push(
            app.hub.watchContact(visitor.contactId, {
              deliver: (event) => {
                if (event.type === "conversation.created" && event.conversationId && event.payload.inboxId === visitor.inboxId) follow(event.conversationId);
              },
              catchUp: watcher.catchUp,
            }),
          );
          return () => {
            for (const stop of stops) stop();
          };
        },
        project: visitorFrame,
        // Agents' typing in this visitor's conversations; never another workspace's (ids are not trusted across them).
        hears: (signal) =>
          signal.kind === "typing" && signal.by.type === "agent" && signal.workspaceId === visitor.workspaceId && following.has(signal.conversationId),
        onRead: (messageId) => markReadByVisitor(runtime, visitor, [...following], messageId),
        onTyping: ({ typing }) => {
          const current = [...following].sort().at(-1); // the newest conversation (ids grow with time)
          if (!current) return;
          app.runtime.bus.signal({
            workspaceId: visitor.workspaceId,
            conversationId: current,
            by: { type: "contact", id: visitor.contactId, name: visitor.name },
            kind: "typing",
            on: typing,
          });
        },
        log: request.log,
      });
    },
  );
};

/** What agents see of visitors: `GET /api/v1/contacts/:id/visits` (page, browser, language, time zone). */
export const visitRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/contacts/:id/visits",
    { schema: { tags: ["contacts"], summary: "The browsers a contact chatted from", params: IdParams, response: { 200: z.array(VisitDto), ...problems } } },
    (request) => withCtx(request, (ctx) => listContactVisits(ctx, request.params.id)),
  );
};
