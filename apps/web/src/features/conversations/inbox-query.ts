import { CONVERSATION_SORTS, CONVERSATION_VIEWS, PRIORITIES } from "@atende/shared/enums";
import type { ConversationFilters, ConversationSort, ConversationView, Priority, SavedViewFilters } from "@atende/shared";

/** What the inbox's list shows: the conversation list's query without paging (a saved view's filters have the same shape). */
export type InboxQuery = SavedViewFilters;

/** A plain view: a built-in view narrowed by the filters, in an order. */
export type PlainView = { view: ConversationView; filters: ConversationFilters; sort: ConversationSort };

const VIEWS = Object.keys(CONVERSATION_VIEWS) as ConversationView[]; // the record's own keys
const isView = (v: string | null): v is ConversationView => (VIEWS as (string | null)[]).includes(v);
const isSort = (v: string | null): v is ConversationSort => (CONVERSATION_SORTS as readonly (string | null)[]).includes(v);
const isPriority = (v: string | null): v is Priority => (PRIORITIES as readonly (string | null)[]).includes(v);

/** The plain view an address names (`view`, `inbox`, `team`, `tag`, `priority`, `sort`); what it leaves out is the default. */
export function plainViewOf(params: URLSearchParams): PlainView {
  const view = params.get("view");
  const sort = params.get("sort");
  const priority = params.get("priority");
  const inboxId = params.get("inbox");
  const teamId = params.get("team");
  const tag = params.get("tag");
  return {
    view: isView(view) ? view : "all",
    sort: isSort(sort) ? sort : "newest",
    filters: {
      ...(inboxId ? { inboxId } : {}),
      ...(teamId ? { teamId } : {}),
      ...(tag ? { tag } : {}),
      ...(isPriority(priority) ? { priority } : {}),
    },
  };
}

/** The address of a plain view: the inverse of plainViewOf, leaving defaults out. */
export function plainViewParams({ view, filters, sort }: PlainView): URLSearchParams {
  const params = new URLSearchParams({ view });
  if (filters.inboxId) params.set("inbox", filters.inboxId);
  if (filters.teamId) params.set("team", filters.teamId);
  if (filters.tag) params.set("tag", filters.tag);
  if (filters.priority) params.set("priority", filters.priority);
  if (sort !== "newest") params.set("sort", sort);
  return params;
}

/** The list a plain view shows. */
export function plainViewQuery({ view, filters, sort }: PlainView): InboxQuery {
  return { ...CONVERSATION_VIEWS[view], ...filters, sort };
}

/** The filters that narrow any view, of a query. */
export function filtersOf(query: InboxQuery): ConversationFilters {
  const { inboxId, teamId, tag, priority } = query;
  return { ...(inboxId ? { inboxId } : {}), ...(teamId ? { teamId } : {}), ...(tag ? { tag } : {}), ...(priority ? { priority } : {}) };
}

/** The built-in view that lists the same status and assignee as the query, or null (a status of "all", a named agent). */
export function builtInViewOf(query: Pick<InboxQuery, "status" | "assigneeId">): ConversationView | null {
  const found = VIEWS.find((view) => {
    const builtIn: { status: string; assigneeId?: string } = CONVERSATION_VIEWS[view];
    return builtIn.status === query.status && builtIn.assigneeId === query.assigneeId;
  });
  return found ?? null;
}

/** The saved view's filters as the plain view nearest to them: its built-in view (All when none matches), filters and order. */
export function plainViewNear(query: InboxQuery): PlainView {
  return { view: builtInViewOf(query) ?? "all", filters: filtersOf(query), sort: query.sort };
}

/** Whether a plain view is a built-in view as it comes (no filter, the usual order): nothing worth saving. */
export function isBare({ filters, sort }: PlainView): boolean {
  return Object.keys(filters).length === 0 && sort === "newest";
}
