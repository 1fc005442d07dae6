import { z } from "zod";
import { AGENT_ROLES, AVAILABILITIES, LOCALES } from "../enums.js";
import { Email, Id, line, text, Timestamp, someChange } from "./common.js";

export const Password = text(256).pipe(z.string().min(10, "must be at least 10 characters"));

export const AgentDto = z.object({
  id: Id,
  email: z.string(),
  name: z.string(),
  role: z.enum(AGENT_ROLES),
  availability: z.enum(AVAILABILITIES),
  /** The language the agent chose; null until they choose one, and the app follows their browser. */
  locale: z.enum(LOCALES).nullable(),
  active: z.boolean(),
  /** The agent's picture, or their initials when they chose none (an image URL either way). */
  avatarUrl: z.string(),
  createdAt: Timestamp,
});
export type AgentDto = z.infer<typeof AgentDto>;

export const CreateAgentBody = z.object({
  email: Email,
  name: line(),
  role: z.enum(AGENT_ROLES).default("agent"),
  password: Password,
  /** Left out, the agent's app follows their browser's language until they choose one. */
  locale: z.enum(LOCALES).optional(),
});
export type CreateAgentBody = z.infer<typeof CreateAgentBody>;

export const UpdateAgentBody = someChange(
  z.object({
    name: line(),
    role: z.enum(AGENT_ROLES),
    availability: z.enum(AVAILABILITIES),
    locale: z.enum(LOCALES),
    active: z.boolean(),
    /** A new password an admin sets for the agent (who forgot theirs): every session of theirs ends. */
    password: Password,
  }).partial(),
);
export type UpdateAgentBody = z.infer<typeof UpdateAgentBody>;

/** What an agent may change about themselves. */
export const UpdateMeBody = someChange(
  z.object({
    name: line(),
    availability: z.enum(AVAILABILITIES),
    locale: z.enum(LOCALES),
    password: Password,
    currentPassword: text(256),
  }).partial(),
).refine((b) => b.password === undefined || b.currentPassword !== undefined, {
    path: ["currentPassword"],
    message: "is required to change the password",
  });
export type UpdateMeBody = z.infer<typeof UpdateMeBody>;

/** The agent after `PATCH /me`; after a new password, how many of their other sessions it signed out. */
export const UpdatedMeDto = AgentDto.extend({ otherSessionsEnded: z.number().int().optional() });
export type UpdatedMeDto = z.infer<typeof UpdatedMeDto>;

/** Where an agent's picture is served (public, as visitors see it in the chat widget). */
export const agentAvatarPath = (agentId: string): string => `/widget/v1/avatars/${agentId}`;
