import cookie from "@fastify/cookie";
import rateLimit from "@fastify/rate-limit";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyRequest } from "fastify";
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from "fastify-type-provider-zod";
import { Redis } from "ioredis";
import { z } from "zod";
import { databaseAnswers } from "./db/migrate.js";
import type { DatabaseHandle } from "./db/client.js";
import websocket from "@fastify/websocket";
import { createHub } from "./realtime/hub.js";
import { webApp } from "./plugins/web-app.js";
import type { Runtime } from "./core/context.js";
import { AUTH_CACHE_TTL_MS, requireAgent } from "./plugins/auth.js";
import { checkHandshake, websocketOptions } from "./plugins/websockets.js";
import { TtlCache } from "./lib/ttl-cache.js";
import { listenerLag } from "./core/outbox.js";

/** Writes after which cached credentials may be stale: sign-out, tokens, agents, the agent's own profile. */
const AUTH_CHANGING_ROUTES = /^\/api\/v1\/(auth\/logout|api-tokens|agents|me)\b/;
import { clientError, errorHandler, frameworkError } from "./plugins/error-handler.js";
import { helpCenterAddressError } from "./modules/knowledge-base/help-center/routes.js";
import { resilientRateLimitStore } from "./plugins/rate-limit-store.js";

const ReadyQuery = z.object({ detail: z.enum(["0", "1"]).optional().transform((v) => v === "1") });

import { jsonBody } from "./plugins/json-body.js";

/**
 * The longest part of a path a route takes, as sent: an article image's or an attachment's file name
 * (200 characters, each percent-encoded as up to nine). Fastify's default, 100, refused article
 * slugs of 101–120 characters and most pictures' names in other scripts; longer is a 414.
 */
export const MAX_PATH_PART = 2000;

/** Builds the HTTP application on a runtime; never listens (tests use `inject`). */
export async function buildApp(
  runtime: Runtime,
  handle: DatabaseHandle,
  logger: FastifyBaseLogger,
): Promise<FastifyInstance> {
  const { config } = runtime;
  const app = Fastify({
    loggerInstance: logger,
    bodyLimit: config.bodyLimit,
    routerOptions: { maxParamLength: MAX_PATH_PART },
    trustProxy: config.trustProxy,
    logController: new LogController({ disableRequestLogging: config.logLevel !== "debug" && config.logLevel !== "trace" }),
    frameworkErrors: (error, request, reply) => {
      frameworkError(error, request, reply, helpCenterAddressError);
    },
    clientErrorHandler: clientError,
  });
  app.setValidatorCompiler(validatorCompiler);
  // Presenters build each DTO field by field, so production sends them as they are; tests check
  // every response against its schema too. (Validating 25 conversations per list was a fifth of its cost.)
  app.setSerializerCompiler(config.validateResponses ? serializerCompiler : () => (data) => JSON.stringify(data));
  app.decorate("runtime", runtime);
  const hub = createHub(runtime.bus, (err) => {
    logger.warn({ err, module: "realtime" }, "a socket could not read the events it missed");
  });
  app.decorate("hub", hub);
  app.addHook("onClose", () => {
    hub.close();
  });
  await app.register(websocket, websocketOptions);
  app.addHook("onRequest", checkHandshake);
  app.decorate("authCache", new TtlCache<NonNullable<FastifyRequest["auth"]>>(AUTH_CACHE_TTL_MS, 10_000));
  // Signing out, revoking a token or changing an agent takes effect at once on this node, and
  // ended access on every node.
  app.addHook("onSend", async (request) => {
    if (request.method !== "GET" && AUTH_CHANGING_ROUTES.test(request.url)) app.authCache.clear();
  });
  const stopForgetting = runtime.bus.onAccessEnded(() => {
    app.authCache.clear();
  });
  app.addHook("onClose", () => {
    stopForgetting();
  });

  await app.register(errorHandler);
  await app.register(jsonBody);
  await app.register(cookie);
  // Rate limits are counted in Redis when there is one (shared by every node), in this process while it is away.
  const redis = config.redisUrl ? new Redis(config.redisUrl, { lazyConnect: false, enableOfflineQueue: false, maxRetriesPerRequest: 1 }) : undefined;
  if (redis) {
    redis.on("error", () => undefined); // told once per outage by the store below; the bus reports the connection
    app.addHook("onClose", async () => {
      await redis.quit().catch(() => undefined);
    });
  }
  const store = redis
    ? resilientRateLimitStore(redis, `${config.redisPrefix}-rl-`, () => {
        logger.warn({ module: "rate-limit" }, "Redis is away: rate limits are counted in this process until it is back");
      })
    : undefined;
  await app.register(rateLimit, { global: false, ...(store ? { store } : {}) });
  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: { title: "Atende API", version: "1", description: "Conversations, contacts and the shared inbox." },
      components: {
        securitySchemes: {
          bearer: { type: "http", scheme: "bearer" },
          session: { type: "apiKey", in: "cookie", name: "atende_session" },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  // The API's docs page runs no script it did not ship: a CSP with the hashes of its own.
  await app.register(swaggerUi, {
    routePrefix: "/api/docs",
    uiConfig: { validatorUrl: null },
    staticCSP: true,
    // Its own files only (inline styles allowed: the page sets some); nothing upgraded, so it works over plain HTTP too.
    transformStaticCSP: () =>
      "default-src 'self'; base-uri 'self'; object-src 'none'; frame-ancestors 'self'; form-action 'self'; script-src 'self'; script-src-attr 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'",
  });
  // No browser guesses a type from the content of anything Atende sends.
  app.addHook("onSend", async (_request, reply) => {
    if (!reply.hasHeader("x-content-type-options")) void reply.header("x-content-type-options", "nosniff");
  });

  app.get("/api/openapi.json", { schema: { hide: true } }, () => app.swagger());
  app.get("/healthz", { schema: { hide: true } }, () => ({ status: "ok" }));
  app.withTypeProvider<ZodTypeProvider>().get("/readyz", { schema: { hide: true, querystring: ReadyQuery } }, async (request, reply) => {
    const ready = await databaseAnswers(handle);
    // Without Redis the process still serves (events read from the database, limits counted here): degraded, not down.
    const redisState = config.redisUrl ? (runtime.bus.healthy() && redis?.status === "ready" ? "ok" : "unavailable") : "not used";
    const status = { status: ready ? (redisState === "unavailable" ? "degraded" : "ready") : "database unavailable", database: ready ? "ok" : "unavailable", redis: redisState };
    if (!request.query.detail || !ready) return reply.code(ready ? 200 : 503).send(status);
    const figures: Record<string, unknown> = { events: await listenerLag(runtime) };
    for (const module of runtime.spine.modules) {
      for (const [name, measure] of Object.entries(module.readiness ?? {})) figures[name] = await measure(runtime);
    }
    return reply.send({ ...status, ...figures });
  });

  const { modules } = runtime.spine;
  await app.register(
    async (api) => {
      for (const routes of modules.flatMap((m) => m.publicRoutes ?? [])) await api.register(routes);
      await api.register(async (authed) => {
        requireAgent(authed);
        for (const routes of modules.flatMap((m) => m.routes ?? [])) await authed.register(routes);
      });
    },
    { prefix: "/api/v1" },
  );
  for (const routes of modules.flatMap((m) => m.rootRoutes ?? [])) await app.register(routes);
  await app.register(webApp);
  return app;
}
