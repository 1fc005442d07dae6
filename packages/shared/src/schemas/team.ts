import { z } from "zod";
import { Id, line, text } from "./common.js";

export const TeamDto = z.object({
  id: Id,
  name: z.string(),
  description: z.string().nullable(),
  memberIds: z.array(Id),
});
export type TeamDto = z.infer<typeof TeamDto>;

export const CreateTeamBody = z.object({
  name: line(100),
  description: text(1000).nullable().optional(),
  memberIds: z.array(Id).max(500).default([]),
});
export type CreateTeamBody = z.infer<typeof CreateTeamBody>;

export const UpdateTeamBody = CreateTeamBody.partial();
export type UpdateTeamBody = z.infer<typeof UpdateTeamBody>;
