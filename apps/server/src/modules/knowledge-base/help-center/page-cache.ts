import { createHash } from "node:crypto";
import { gunzipSync, gzipSync } from "node:zlib";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { DomainEvent } from "@atende/shared";
import { TtlCache } from "../../../lib/ttl-cache.js";

/** A rendered page, kept compressed; an article's page says which translation it shows (its views are counted). */
export type RenderedPage = { status: number; type: string; gzip: Buffer; etag: string; translationId?: string };

/** How long a rendered page is kept at most: what no event announces (a new chat inbox) shows within it. */
const PAGE_TTL_MS = 60_000;
/** Pages kept (compressed, a few KB each). */
const PAGE_ENTRIES = 10_000;

/**
 * What the help center's pages may do: their inline CSS, images from anywhere on the web (an
 * article's pictures), scripts and frames of this server only (the chat widget), forms to itself.
 */
export const HELP_CENTER_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' https: data:; script-src 'self'; frame-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

export function rendered(status: number, type: string, body: string, translationId?: string): RenderedPage {
  const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;
  return { status, type, gzip: gzipSync(body, { level: 6 }), etag, ...(translationId ? { translationId } : {}) };
}

/**
 * Rendered pages in memory, per workspace: any article, category or workspace event of a workspace
 * (on any node: events travel on the bus) makes its pages stale at once; the rest expire.
 */
export function createPageCache() {
  const pages = new TtlCache<RenderedPage>(PAGE_TTL_MS, PAGE_ENTRIES);
  const generations = new Map<string, number>();
  return {
    key: (workspaceId: string, parts: string) => `${workspaceId}:${String(generations.get(workspaceId) ?? 0)}:${parts}`,
    get: (key: string) => pages.get(key),
    set: (key: string, page: RenderedPage) => {
      pages.set(key, page);
    },
    /** Follows the bus: a workspace's pages are stale once its articles, categories or settings change. */
    hear(event: DomainEvent): boolean {
      if (!event.type.startsWith("article") && event.type !== "workspace.updated") return false;
      generations.set(event.workspaceId, (generations.get(event.workspaceId) ?? 0) + 1);
      return true;
    },
  };
}
export type PageCache = ReturnType<typeof createPageCache>;

/** Sends a page: 304 when the browser has it, gzip when it takes it, with the help center's headers. */
export function sendPage(request: FastifyRequest, reply: FastifyReply, page: RenderedPage, cacheControl = "public, max-age=0, must-revalidate") {
  void reply
    .header("content-type", page.type)
    .header("etag", page.etag)
    .header("cache-control", cacheControl)
    .header("vary", "accept-encoding")
    .header("content-security-policy", HELP_CENTER_CSP)
    .header("referrer-policy", "strict-origin-when-cross-origin");
  if (page.status === 200 && request.headers["if-none-match"] === page.etag) return reply.code(304).send();
  if (/\bgzip\b/.test(request.headers["accept-encoding"] ?? "")) return reply.code(page.status).header("content-encoding", "gzip").send(page.gzip);
  return reply.code(page.status).send(gunzipSync(page.gzip));
}
