import type { ConversationFilters } from "@atende/shared";
import type { InboxQuery } from "./inbox-query.js";

/** A query string of the given values in their order, leaving out what is undefined. */
export function queryString(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) search.set(k, String(v));
  return search.toString();
}

/** A page of the list a view shows (100 at a time). */
export const listPath = (query: Partial<InboxQuery>, cursor?: string) => `/conversations?${queryString({ ...query, limit: 100, cursor })}`;

/** How many conversations each view holds with these filters. */
export const countsPath = (filters: ConversationFilters) => `/conversations/counts?${queryString(filters)}`;

/** A page of a conversation's timeline (100 at a time). */
export const messagesPath = (conversationId: string, cursor?: string) => `/conversations/${conversationId}/messages?${queryString({ limit: 100, cursor })}`;
