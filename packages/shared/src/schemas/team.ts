import { z } from "zod";
import { Id, line, text, someChange } from "./common.js";

export const TeamDto = z.object({
  id: Id,
  name: z.string(),
  description: z.string().nullable(),
  memberIds: z.array(Id),
});
export type TeamDto = z.infer<typeof TeamDto>;

const TeamFields = z.object({
  name: line(100),
  description: text(1000).nullable(),
  memberIds: z.array(Id).max(500),
});

export const CreateTeamBody = TeamFields.extend({
  description: TeamFields.shape.description.optional(),
  memberIds: TeamFields.shape.memberIds.default([]),
});
export type CreateTeamBody = z.infer<typeof CreateTeamBody>;

/** Changes a team: only what is given (members only when `memberIds` is, never emptied by a rename). */
export const UpdateTeamBody = someChange(TeamFields.partial());
export type UpdateTeamBody = z.infer<typeof UpdateTeamBody>;
