import { randomBytes } from "node:crypto";
import { DEFAULT_WIDGET_SETTINGS, type CreateInboxBody } from "@atende/shared";
import type { Ctx } from "../../core/context.js";
import { chatChannels } from "../../db/schema/index.js";
import { AppError } from "../../lib/app-error.js";
import { createSecretBox } from "../../lib/secret-box.js";

/** A new secret for signing visitors' ids (32 random bytes as hex), sealed for storage. */
export function newIdentitySecret(ctx: Ctx, field: string): string {
  if (!ctx.config.secretKey) throw AppError.invalidField(field, "a chat inbox needs ATENDE_SECRET_KEY set on every Atende process", "secret_key_missing");
  return createSecretBox(ctx.config.secretKey).seal(randomBytes(32).toString("hex"));
}

/** A chat inbox's widget: a public token for the snippet and a sealed secret for signing visitors' ids. */
export async function createChatChannel(ctx: Ctx, inboxId: string, body: CreateInboxBody): Promise<void> {
  await ctx.tx.insert(chatChannels).values({
    workspaceId: ctx.actor.workspaceId,
    inboxId,
    widgetToken: randomBytes(18).toString("base64url"),
    identitySecret: newIdentitySecret(ctx, "channel"),
    settings: { ...DEFAULT_WIDGET_SETTINGS, ...body.widget, allowedOrigins: body.allowedOrigins ?? [] },
  });
}

