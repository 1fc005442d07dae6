import { z } from "zod";
import { AgentDto } from "./agent.js";
import { Id, line, text, Timestamp } from "./common.js";
import { WorkspaceDto } from "./workspace.js";

export const LoginBody = z.object({
  email: text(320).transform((s) => s.trim().toLowerCase()),
  password: text(256),
  workspace: text(100).optional(),
});
export type LoginBody = z.infer<typeof LoginBody>;

export const SessionDto = z.object({ agent: AgentDto, workspace: WorkspaceDto, csrfToken: z.string() });
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
