import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod, ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { AgentDto, CreateAgentBody, UpdateAgentBody, UpdatedMeDto, UpdateMeBody } from "@atende/shared";
import { ADMINS } from "../policy.js";
import { createIdempotently, IdParams, requireSession, withCtx, problems } from "../../plugins/route-helpers.js";
import { acceptRawBodies, storeUpload } from "../attachments/uploads.js";
import { AVATAR_MAX_BYTES, AVATAR_TYPES, setMyAvatar } from "./avatar.js";
import { toAgentDto } from "./presenter.js";
import { createAgent, listAgents, loadAgent, updateAgent, updateMe } from "./service.js";

export const agentRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ["agents"];
  app.get("/agents", { schema: { tags, response: { 200: z.array(AgentDto), ...problems } } }, (request) =>
    withCtx(request, listAgents),
  );
  app.post("/agents", { schema: { tags, summary: "Adds an agent (admins, from a signed-in session)", body: CreateAgentBody, response: { 201: AgentDto, ...problems } } }, (request, reply) => {
    // A password is a way in that outlives the token: chosen only by a person signed in.
    requireSession(request, "Adding an agent with a password");
    return createIdempotently(request, reply, (ctx) => createAgent(ctx, request.body), { roles: ADMINS });
  });
  app.get("/agents/:id", { schema: { tags, params: IdParams, response: { 200: AgentDto, ...problems } } }, (request) =>
    withCtx(request, async (ctx) => toAgentDto(await loadAgent(ctx, request.params.id))),
  );
  app.patch(
    "/agents/:id",
    { schema: { tags, params: IdParams, body: UpdateAgentBody, response: { 200: AgentDto, ...problems } } },
    (request) => {
      if (request.body.password !== undefined) requireSession(request, "Setting an agent's password");
      return withCtx(request, (ctx) => updateAgent(ctx, request.params.id, request.body));
    },
  );
  const changesPassword = (request: FastifyRequest) => typeof (request.body as { password?: unknown } | undefined)?.password === "string";
  app.patch(
    "/me",
    {
      schema: {
        tags: ["auth"],
        summary: "Changes your profile; a new password (from a signed-in session) signs out your other sessions (API tokens stay)",
        body: UpdateMeBody,
        response: { 200: UpdatedMeDto, ...problems },
      },
      // Each try at the current password counts like a sign-in, per agent: no way round the sign-in's limit.
      config: {
        rateLimit: {
          max: app.runtime.config.loginRateLimit,
          timeWindow: "1 minute",
          hook: "preValidation",
          keyGenerator: (request: FastifyRequest) => `password-change|${request.auth?.actor.id ?? request.ip}`,
          allowList: (request: FastifyRequest) => !changesPassword(request),
        },
      },
    },
    (request) => {
      if (request.body.password !== undefined) requireSession(request, "Changing your password");
      const credential = request.auth?.credential;
      return withCtx(request, (ctx) => updateMe(ctx, request.body, credential?.kind === "session" ? credential.id : null));
    },
  );
  app.delete("/me/avatar", { schema: { tags: ["auth"], summary: "Removes your picture (your initials show)", response: { 200: AgentDto, ...problems } } }, (request) =>
    withCtx(request, (ctx) => setMyAvatar(ctx, null)),
  );
  await app.register(async (pictures) => {
    acceptRawBodies(pictures);
    pictures.withTypeProvider<ZodTypeProvider>().put(
      "/me/avatar",
      {
        schema: {
          tags: ["auth"],
          summary: `Sets your picture: the request body, a PNG, JPEG, WebP or GIF of at most ${String(AVATAR_MAX_BYTES / 1024)} KiB`,
          response: { 200: AgentDto, ...problems },
        },
      },
      async (request) => {
        const picture = await storeUpload(request, {
          maxBytes: AVATAR_MAX_BYTES,
          allowed: { types: AVATAR_TYPES, hint: "a picture must be a PNG, JPEG, WebP or GIF image." },
        });
        return withCtx(request, (ctx) => setMyAvatar(ctx, picture));
      },
    );
  });
};
