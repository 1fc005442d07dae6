import { useSearchParams } from "react-router";
import { CONVERSATION_SORTS, CONVERSATION_VIEWS, PRIORITIES, type ConversationFilters, type ConversationSort, type ConversationView, type Priority } from "@atende/shared";

const isView = (v: string | null): v is ConversationView => v !== null && v in CONVERSATION_VIEWS;
const isSort = (v: string | null): v is ConversationSort => (CONVERSATION_SORTS as readonly (string | null)[]).includes(v);
const isPriority = (v: string | null): v is Priority => (PRIORITIES as readonly (string | null)[]).includes(v);

/** The inbox's view and filters, kept in the address so that a link or a reload shows the same list. */
export function useInboxParams() {
  const [params, setParams] = useSearchParams();
  const view: ConversationView = isView(params.get("view")) ? (params.get("view") as ConversationView) : "all"; // checked by isView
  const priority = params.get("priority");
  const sortParam = params.get("sort");
  const sort: ConversationSort = isSort(sortParam) ? sortParam : "newest";
  const filters: ConversationFilters = {
    ...(params.get("inbox") ? { inboxId: params.get("inbox") ?? "" } : {}),
    ...(params.get("team") ? { teamId: params.get("team") ?? "" } : {}),
    ...(params.get("tag") ? { tag: params.get("tag") ?? "" } : {}),
    ...(isPriority(priority) ? { priority } : {}),
  };
  const set = (changes: Record<string, string | null>) => {
    setParams((current) => {
      const next = new URLSearchParams(current);
      for (const [key, value] of Object.entries(changes)) {
        if (value) next.set(key, value);
        else next.delete(key);
      }
      return next;
    });
  };
  return { view, filters, sort, set, search: params.toString() };
}
