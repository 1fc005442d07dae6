import { useSearchParams } from "react-router";
import type { ConversationFilters, ConversationSort, ConversationView, SavedViewDto } from "@atende/shared";
import { isBare, plainViewNear, plainViewOf, plainViewParams, plainViewQuery, type InboxQuery, type PlainView } from "./inbox-query.js";
import { useSavedViews } from "./saved-views.js";

/** The saved view the address names (`?savedView=<id>`): still loading, found among the agent's, not theirs to see, or not loaded. */
export type SavedViewState =
  | { id: string; status: "loading" | "missing" }
  | { id: string; status: "found"; view: SavedViewDto }
  | { id: string; status: "failed"; error: Error; retry: () => void };

export type InboxParams = {
  /** The built-in view shown; null while a saved view is. */
  view: ConversationView | null;
  savedView: SavedViewState | null;
  /** What the list shows; null until the saved view the address names is known. */
  query: InboxQuery | null;
  /** The filters and order shown beside the list (a saved view's own while it is shown). */
  filters: ConversationFilters;
  sort: ConversationSort;
  /** Whether the list is a built-in view with filters or an order of its own: worth saving as a view. */
  savable: boolean;
  /** Changes filters or the order (`null` removes one); on a saved view, this leaves it for the plain view nearest to it. */
  set: (changes: Record<string, string | null>) => void;
  /** The address of a built-in view with the filters and order shown now. */
  viewLink: (view: ConversationView) => string;
  /** The address's parameters, to keep when a conversation is opened. */
  search: string;
};

/**
 * The inbox's view, filters and order, kept in the address so that a link or a reload shows the same
 * list: a built-in view (`view`, `inbox`, `team`, `tag`, `priority`, `sort`) or a saved view by its id.
 */
export function useInboxParams(): InboxParams {
  const [params, setParams] = useSearchParams();
  const savedViews = useSavedViews();
  const savedViewId = params.get("savedView");
  const found = savedViewId ? savedViews.data?.find((v) => v.id === savedViewId) : undefined;
  const plain = plainViewOf(params);
  const shown: PlainView = found ? plainViewNear(found.filters) : plain;
  const set = (changes: Record<string, string | null>) => {
    setParams((current) => {
      // A saved view's filters become the address's own, to change from there.
      const next = savedViewId ? plainViewParams(shown) : new URLSearchParams(current);
      for (const [key, value] of Object.entries(changes)) {
        if (value) next.set(key, value);
        else next.delete(key);
      }
      return next;
    });
  };
  return {
    view: savedViewId ? null : plain.view,
    savedView: savedViewId ? savedViewState(savedViewId, found, savedViews) : null,
    query: savedViewId ? (found?.filters ?? null) : plainViewQuery(plain),
    filters: shown.filters,
    sort: shown.sort,
    savable: !savedViewId && !isBare(plain),
    set,
    viewLink: (view) => `/?${plainViewParams({ ...shown, view }).toString()}`,
    search: params.toString(),
  };
}

function savedViewState(id: string, found: SavedViewDto | undefined, views: ReturnType<typeof useSavedViews>): SavedViewState {
  if (found) return { id, status: "found", view: found };
  if (views.isError) return { id, status: "failed", error: views.error, retry: () => void views.refetch() };
  return { id, status: views.isPending ? "loading" : "missing" };
}
