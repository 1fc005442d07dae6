import type { ConversationFilters } from "@atende/shared";
import type { InboxQuery } from "./inbox-query.js";

/** A query string of the given values in their order, leaving out what is undefined. */
export function queryString(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) search.set(k, String(v));
  return search.toString();
}

/**
 * How many conversations a page of a view's list brings: more than the tallest screen shows; the
 * list asks for the next page as the agent scrolls within 20 rows of its end.
 */
export const LIST_PAGE = 50;

/** A page of the list a view shows. */
export const listPath = (query: Partial<InboxQuery>, cursor?: string) => `/conversations?${queryString({ ...query, limit: LIST_PAGE, cursor })}`;

/** How many conversations each view holds with these filters. */
export const countsPath = (filters: ConversationFilters) => `/conversations/counts?${queryString(filters)}`;

/** How many messages opening a conversation brings, and each older page. */
export const TIMELINE_PAGE = 50;

/** A conversation as opened: with its newest messages, in one request. */
export const openedPath = (conversationId: string) => `/conversations/${conversationId}?${queryString({ messages: TIMELINE_PAGE })}`;

/** The page of a conversation's timeline before `cursor`, newest first. */
export const olderMessagesPath = (conversationId: string, cursor: string) =>
  `/conversations/${conversationId}/messages?${queryString({ order: "newest", limit: TIMELINE_PAGE, cursor })}`;
