import type { FastifyRequest } from "fastify";

/**
 * Article searches one client address may run a minute, in the widget (suggestions while a visitor
 * types, one at each pause) and in the help center. Plenty for people, even many behind one office
 * address; a script flooding searches is cut off, since each costs a full-text query (and, in the
 * help center, a search that finds nothing writes a content gap).
 */
export const ARTICLE_SEARCHES_PER_MINUTE = 240;

/**
 * A public route's rate limit per client address and minute, counted per route. `counts` picks the
 * requests that count (every one by default): it sees the query as sent, before the route's schema.
 */
export function perAddress(max: number, counts?: (request: FastifyRequest) => boolean) {
  return { rateLimit: { max, timeWindow: "1 minute", ...(counts ? { allowList: (request: FastifyRequest) => !counts(request) } : {}) } };
}
