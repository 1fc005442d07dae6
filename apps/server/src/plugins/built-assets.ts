import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

/**
 * The built web app and chat widget, found by their place in the repository: the server serves them
 * and never builds them (`npm run build` does; `npm start` runs it first when they are missing or stale).
 */
export const WEB_DIST = fileURLToPath(new URL("../../../web/dist", import.meta.url));
export const WIDGET_DIST = fileURLToPath(new URL("../../../widget/dist", import.meta.url));

type NotBuilt = (request: FastifyRequest, reply: FastifyReply) => FastifyReply;

/**
 * Null when every one of `files` is in `dist`. Otherwise logs an error naming the fix and returns a
 * handler that answers 503 saying it, for the routes that would have served them.
 */
export function missingBuild(app: FastifyInstance, what: "web app" | "chat widget", dist: string, files: readonly string[]): NotBuilt | null {
  if (files.every((file) => existsSync(join(dist, file)))) return null;
  app.log.error({ dist }, "built files are missing: run `npm run build` (npm start builds what is missing or stale)");
  const message = `The ${what} is not built yet: run \`npm run build\` (npm start builds it).`;
  return (_request, reply) => reply.code(503).type("text/plain; charset=utf-8").send(message);
}
