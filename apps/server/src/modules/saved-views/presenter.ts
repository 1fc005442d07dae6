import type { AgentSummary, SavedViewDto } from "@atende/shared";
import type { savedViews } from "../../db/schema/index.js";

/** A saved view's row with its owner, as the service reads it. */
export type SavedViewWithOwner = { view: typeof savedViews.$inferSelect; owner: AgentSummary };

/** The saved view as the API shows it; `editable` says whether the asking agent may change it. */
export function toSavedViewDto({ view, owner }: SavedViewWithOwner, editable: boolean): SavedViewDto {
  return {
    id: view.id,
    name: view.name,
    filters: view.filters,
    shared: view.shared,
    owner,
    editable,
    createdAt: view.createdAt.toISOString(),
    updatedAt: view.updatedAt.toISOString(),
  };
}
