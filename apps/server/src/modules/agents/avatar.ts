import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { AgentDto } from "@atende/shared";
import type { Database } from "../../db/client.js";
import { agents } from "../../db/schema/index.js";
import type { StoredFile } from "../../files/file-store.js";
import { AppError } from "../../lib/app-error.js";
import type { Ctx } from "../../core/context.js";
import { agentIdOf } from "../auth/service.js";
import { toAgentDto } from "./presenter.js";

/** Pictures only, small: an avatar is shown at 32 px in every chat. */
export const AVATAR_TYPES = ["image/png", "image/jpeg", "image/webp", "image/gif"] as const;
export const AVATAR_MAX_BYTES = 1024 * 1024;

/** Sets (or with null removes) the signed-in agent's picture. */
export async function setMyAvatar(ctx: Ctx, picture: (StoredFile & { contentType: string }) | null): Promise<AgentDto> {
  const [row] = await ctx.tx
    .update(agents)
    .set({ avatarSha256: picture?.sha256 ?? null, avatarType: picture?.contentType ?? null })
    .where(and(eq(agents.workspaceId, ctx.actor.workspaceId), eq(agents.id, agentIdOf(ctx.actor))))
    .returning();
  if (!row) throw AppError.notFound("Agent");
  return toAgentDto(row);
}

/** An agent's picture, or what stands in for it: their initials (the avatar is public, like their name in a chat). */
export async function findAvatar(db: Database, agentId: string) {
  const [row] = await db
    .select({ name: agents.name, sha256: agents.avatarSha256, type: agents.avatarType })
    .from(agents)
    .where(eq(agents.id, agentId));
  if (!row) throw AppError.notFound("Agent");
  return row;
}

const graphemes = new Intl.Segmenter();

/** Up to two initials of a name: "Ana Souza" → "AS", "Žofie" → "Ž". */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/u).filter(Boolean);
  const first = (word: string | undefined) => (word ? (graphemes.segment(word)[Symbol.iterator]().next().value?.segment ?? "") : "");
  return (first(words[0]) + (words.length > 1 ? first(words.at(-1)) : "")).toLocaleUpperCase() || "?";
}

const escapeXml = (s: string) => s.replace(/[<>&"']/g, (c) => `&#${String(c.charCodeAt(0))};`);

/**
 * The initials on a colour of the agent's own (from their id), white on a dark enough shade for
 * contrast; an SVG nothing in it runs.
 */
export function initialsAvatar(agentId: string, name: string): string {
  const hue = createHash("sha256").update(agentId).digest()[0] ?? 0;
  const background = `hsl(${String(Math.round((hue / 256) * 360))} 55% 38%)`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" role="img" aria-label="${escapeXml(name)}">` +
    `<circle cx="32" cy="32" r="32" fill="${background}"/>` +
    `<text x="32" y="32" dy=".35em" text-anchor="middle" font-family="system-ui,sans-serif" font-size="26" font-weight="600" fill="#fff">${escapeXml(initialsOf(name))}</text>` +
    `</svg>`
  );
}
