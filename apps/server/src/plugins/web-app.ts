import fastifyStatic from "@fastify/static";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { AppError } from "../lib/app-error.js";
import { missingBuild, WEB_DIST } from "./built-assets.js";

/**
 * What the app's pages may do: only our own scripts, styles (Mantine sets some inline) and sockets;
 * images also from the web, for the pictures in an e-mail that the agent chose to show.
 */
const CSP = "default-src 'self'; img-src 'self' data: blob: https: http:; style-src 'self' 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/** A URL's query string with its `?`, or nothing. */
const queryOf = (url: string) => (url.includes("?") ? url.slice(url.indexOf("?")) : "");

/**
 * The agents' web app at /app: its hashed assets cached for good, and every other /app path answered
 * with index.html (the app routes in the browser). `npm start` builds it first when it is stale;
 * without a build, /app says how to make one.
 */
export const webApp = fp(async (app: FastifyInstance) => {
  // The query goes along: `/app?view=snoozed` is a link to that view.
  const toApp = (request: FastifyRequest, reply: FastifyReply) => reply.redirect(`/app/${queryOf(request.url)}`);
  app.get("/", { schema: { hide: true } }, toApp);
  app.get("/app", { schema: { hide: true } }, toApp);
  const notBuilt = missingBuild(app, "web app", WEB_DIST, ["index.html"]);
  if (notBuilt) {
    app.get("/app/*", { schema: { hide: true } }, notBuilt);
    return;
  }
  await app.register(fastifyStatic, {
    root: WEB_DIST,
    prefix: "/app/",
    wildcard: false,
    index: false,
    setHeaders: (reply, path) => {
      void reply.header("cache-control", path.includes("/assets/") ? "public, max-age=31536000, immutable" : "no-cache");
      void reply.header("x-content-type-options", "nosniff");
    },
  });
  // A file of the build that is not there (an old tab's after an upgrade) is not found: the page
  // would arrive as a script or style, and the tab could not tell it must load the new build.
  app.get("/app/assets/*", { schema: { hide: true } }, () => {
    throw AppError.notFound("File");
  });
  app.get("/app/*", { schema: { hide: true } }, (_request, reply) =>
    reply.header("cache-control", "no-cache").header("content-security-policy", CSP).header("referrer-policy", "same-origin").sendFile("index.html"),
  );
});
