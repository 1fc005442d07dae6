import type {} from "@fastify/rate-limit";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { FastifyRequest } from "fastify";
import {
  ApiTokenDto,
  bestLocale,
  ConfirmPasswordResetBody,
  CreateApiTokenBody,
  CreatedApiTokenDto,
  LoginBody,
  PasswordResetAvailabilityDto,
  PasswordResetRequestedDto,
  Problem,
  RequestPasswordResetBody,
  SessionDto,
} from "@atende/shared";
import { SESSION_COOKIE } from "../../plugins/auth.js";
import { createIdempotently, IdParams, requireSession, withCtx, problems } from "../../plugins/route-helpers.js";
import { confirmPasswordReset, passwordResetAvailable, requestPasswordReset } from "./password-reset.js";
import { createApiToken, currentSession, listApiTokens, login, logout, revokeApiToken } from "./service.js";

/** A rate limit per client address and e-mail (however it is spelled), counted after the body is parsed. */
const perAddressAndEmail = (max: number) =>
  ({
    max,
    timeWindow: "1 minute",
    hook: "preValidation", // after body parsing, so the key can include the e-mail
    keyGenerator: (req: FastifyRequest) => {
      const email = (req.body as { email?: unknown } | undefined)?.email; // raw body, before validation
      return `${req.ip}|${typeof email === "string" ? email.trim().toLowerCase() : ""}`;
    },
  }) as const;

/** Sign-in and sign-out; public, and rate-limited per address and e-mail. */
export const publicAuthRoutes: FastifyPluginAsyncZod = async (app) => {
  const { config, db } = app.runtime;
  app.post(
    "/auth/login",
    {
      schema: { tags: ["auth"], body: LoginBody, response: { 200: SessionDto, 401: Problem, 422: Problem, 429: Problem } },
      config: { rateLimit: perAddressAndEmail(config.loginRateLimit) },
    },
    async (request, reply) => {
      const { token, expiresAt, session } = await login(db, request.body, config.sessionTtlDays);
      void reply.setCookie(SESSION_COOKIE, token, {
        path: "/",
        httpOnly: true,
        sameSite: "lax",
        secure: "auto",
        expires: expiresAt,
      });
      return session;
    },
  );
  app.post(
    "/auth/logout",
    {
      schema: {
        tags: ["auth"],
        summary: "Ends the session (send its X-CSRF-Token); its live connections close at once",
        response: { 204: z.null(), 403: Problem },
      },
    },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      const csrf = request.headers["x-csrf-token"];
      const ended = token ? await logout(db, token, typeof csrf === "string" ? csrf : undefined) : null;
      if (ended) app.runtime.bus.endAccess(ended);
      void reply.clearCookie(SESSION_COOKIE, { path: "/" });
      return reply.code(204).send(null);
    },
  );
};

/** A forgotten password: a link by e-mail, then a new password with the link's token. */
export const passwordResetRoutes: FastifyPluginAsyncZod = async (app) => {
  const { runtime } = app;
  const { config } = runtime;
  app.get(
    "/auth/password-reset",
    {
      schema: {
        tags: ["auth"],
        summary: "Whether a forgotten password can be reset by e-mail here (the installation has a mail server of its own)",
        response: { 200: PasswordResetAvailabilityDto },
      },
    },
    () => ({ available: passwordResetAvailable(config) }),
  );
  app.post(
    "/auth/password-reset",
    {
      schema: {
        tags: ["auth"],
        summary: "Mails a link that sets a new password to the agents with this e-mail; the same answer whether there are any or not",
        body: RequestPasswordResetBody,
        response: { 202: PasswordResetRequestedDto, 422: Problem, 429: Problem, 503: Problem },
      },
      config: { rateLimit: perAddressAndEmail(config.loginRateLimit) },
    },
    async (request, reply) => {
      await requestPasswordReset(runtime, request.body.email, bestLocale(request.headers["accept-language"]));
      return reply.code(202).send({ status: "accepted" });
    },
  );
  app.post(
    "/auth/password-reset/confirm",
    {
      schema: {
        tags: ["auth"],
        summary: "Sets a new password with the token of a reset link (once, within an hour); signs the agent out everywhere",
        body: ConfirmPasswordResetBody,
        response: { 204: z.null(), 422: Problem, 429: Problem },
      },
      config: { rateLimit: { max: config.loginRateLimit, timeWindow: "1 minute" } },
    },
    async (request, reply) => {
      await confirmPasswordReset(runtime, request.body);
      return reply.code(204).send(null);
    },
  );
};

/** The signed-in agent and their API tokens. */
export const meRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get("/me", { schema: { tags: ["auth"], response: { 200: SessionDto, ...problems } } }, (request) =>
    withCtx(request, (ctx) => currentSession(ctx, request.auth?.csrfToken ?? "")),
  );
  app.get("/api-tokens", { schema: { tags: ["auth"], response: { 200: z.array(ApiTokenDto), ...problems } } }, (request) =>
    withCtx(request, listApiTokens),
  );
  app.post(
    "/api-tokens",
    { schema: { tags: ["auth"], summary: "Makes an API token, shown once (from a signed-in session, never with a token)", body: CreateApiTokenBody, response: { 201: CreatedApiTokenDto, ...problems } } },
    (request, reply) => {
      requireSession(request, "Making an API token");
      return createIdempotently(request, reply, (ctx) => createApiToken(ctx, request.body.name), { redact: (created) => ({ ...created, token: null }) });
    },
  );
  app.delete(
    "/api-tokens/:id",
    { schema: { tags: ["auth"], params: IdParams, response: { 204: z.null(), ...problems } } },
    async (request, reply) => {
      await withCtx(request, (ctx) => revokeApiToken(ctx, request.params.id));
      return reply.code(204).send(null);
    },
  );
};

