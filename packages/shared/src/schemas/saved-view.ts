import { z } from "zod";
import { AgentSummary, Id, line, someChange, Timestamp } from "./common.js";
import { ListConversationsQuery } from "./conversation.js";

/** The longest name a saved view may have. */
export const SAVED_VIEW_NAME_MAX = 60;

/**
 * What a saved view lists: the conversation list's own query (status, assignee, inbox, team, tag,
 * priority and order), without its paging. `assigneeId: "me"` means whoever looks at the view, so a
 * shared view can show each agent their own conversations.
 */
export const SavedViewFilters = ListConversationsQuery.pick({
  status: true,
  assigneeId: true,
  inboxId: true,
  teamId: true,
  tag: true,
  priority: true,
  sort: true,
});
export type SavedViewFilters = z.infer<typeof SavedViewFilters>;

/** A saved view's name: 1 to 60 characters once trimmed; unique among its owner's views (any case). */
export const SavedViewName = line(SAVED_VIEW_NAME_MAX);

export const SavedViewDto = z.object({
  id: Id,
  name: z.string(),
  filters: SavedViewFilters,
  /** Shown to every agent of the workspace; otherwise to its owner only. */
  shared: z.boolean(),
  owner: AgentSummary,
  /** Whether the asking agent may rename, change or delete it: its owner, or an admin when it is shared. */
  editable: z.boolean(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type SavedViewDto = z.infer<typeof SavedViewDto>;

export const CreateSavedViewBody = z.object({
  name: SavedViewName,
  filters: SavedViewFilters,
  shared: z.boolean().default(false),
});
export type CreateSavedViewBody = z.infer<typeof CreateSavedViewBody>;

/** A change to a saved view; `filters`, when given, replaces them all. No defaults of the create's. */
export const UpdateSavedViewBody = someChange(
  z.object({ name: SavedViewName, filters: SavedViewFilters, shared: z.boolean() }).partial(),
);
export type UpdateSavedViewBody = z.infer<typeof UpdateSavedViewBody>;

/** How many conversations each saved view the agent sees holds now, by the view's id. */
export const SavedViewCountsDto = z.record(Id, z.number().int());
export type SavedViewCountsDto = z.infer<typeof SavedViewCountsDto>;
