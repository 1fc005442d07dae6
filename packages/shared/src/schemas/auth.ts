import { z } from "zod";
import { AgentDto, Password } from "./agent.js";
import { Email, EventCursor, Id, line, text, Timestamp } from "./common.js";
import { WorkspaceDto } from "./workspace.js";

export const LoginBody = z.object({
  email: text(320).transform((s) => s.trim().toLowerCase()),
  password: text(256),
  /** A workspace's slug or name, read as names are kept (`line`). */
  workspace: line(100).optional(),
});
export type LoginBody = z.infer<typeof LoginBody>;

export const SessionDto = z.object({ agent: AgentDto, workspace: WorkspaceDto, csrfToken: z.string(), eventCursor: EventCursor });
export type SessionDto = z.infer<typeof SessionDto>;

export const CreateApiTokenBody = z.object({ name: line(100) });
export type CreateApiTokenBody = z.infer<typeof CreateApiTokenBody>;

export const ApiTokenDto = z.object({
  id: Id,
  name: z.string(),
  createdAt: Timestamp,
  lastUsedAt: Timestamp.nullable(),
});
export type ApiTokenDto = z.infer<typeof ApiTokenDto>;

/** Returned once, on creation: the secret is never shown again (null when the same Idempotency-Key is replayed). */
export const CreatedApiTokenDto = ApiTokenDto.extend({
  token: z.string().nullable().describe("The token, in this response only; null on a replay of its Idempotency-Key"),
});
export type CreatedApiTokenDto = z.infer<typeof CreatedApiTokenDto>;

/** `POST /auth/password-reset`: where to send a link that sets a new password. */
export const RequestPasswordResetBody = z.object({
  email: text(320)
    .transform((s) => s.trim())
    .pipe(Email),
});
export type RequestPasswordResetBody = z.infer<typeof RequestPasswordResetBody>;

/**
 * The answer to a reset request: the same whether or not an agent has the address, so nobody learns
 * who has an account by asking.
 */
export const PasswordResetRequestedDto = z.object({ status: z.literal("accepted") });
export type PasswordResetRequestedDto = z.infer<typeof PasswordResetRequestedDto>;

/** `GET /auth/password-reset`: whether this installation sends reset links (it has a mail server of its own). */
export const PasswordResetAvailabilityDto = z.object({ available: z.boolean() });
export type PasswordResetAvailabilityDto = z.infer<typeof PasswordResetAvailabilityDto>;

/** `POST /auth/password-reset/confirm`: the token from the link, and the new password (the same rules as a change). */
export const ConfirmPasswordResetBody = z.object({
  token: text(200).pipe(z.string().min(1, "must not be empty")),
  password: Password,
});
export type ConfirmPasswordResetBody = z.infer<typeof ConfirmPasswordResetBody>;
