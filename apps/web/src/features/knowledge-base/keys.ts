import type { ListArticlesQuery } from "@atende/shared";

/** The knowledge base's queries: every article query starts with `articles`, so one invalidation refreshes them all. */
export const articleKeys = {
  all: ["articles"] as const,
  list: (query: Partial<ListArticlesQuery>) => ["articles", "list", query] as const,
  one: (id: string) => ["articles", "one", id] as const,
  revisions: (id: string) => ["articles", "revisions", id] as const,
  /** The questions customers asked that a translation answered, offered to its writers. */
  questionSuggestions: (id: string) => ["articles", "question-suggestions", id] as const,
  /** The article search of the composer's picker. */
  pick: (q: string) => ["articles", "pick", q] as const,
  whatsNew: ["articles", "whats-new"] as const,
  /** What the header's badge shows: how many are unread. */
  whatsNewCount: ["articles", "whats-new", "count"] as const,
  whatsNewList: ["articles", "whats-new", "list"] as const,
  categories: ["article-categories"] as const,
  insights: (days: number) => ["articles", "insights", days] as const,
};
