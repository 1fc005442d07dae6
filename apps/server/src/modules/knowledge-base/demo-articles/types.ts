import type { ArticleVisibility, Locale } from "@atende/shared";

/** The demo help center's categories, by key, in the order they are shown. */
export const DEMO_CATEGORY_KEYS = ["billing", "account", "internet", "orders", "team"] as const;
export type DemoCategoryKey = (typeof DEMO_CATEGORY_KEYS)[number];

/**
 * One article of the demo knowledge base in one language. Articles of the same `key` are one
 * article's translations. They seed the demo workspace, the retrieval evaluation
 * (`npm run bench:kb-retrieval`) and, later, the virtual attendant's answers.
 */
export type DemoArticle = {
  key: string;
  category: DemoCategoryKey;
  title: string;
  /** Markdown. */
  body: string;
  /** The questions it answers, as customers ask them (see the translation's `questions`). */
  questions?: readonly string[];
  visibility?: ArticleVisibility;
};

export type DemoCategory = { key: DemoCategoryKey; names: Record<Locale, string>; descriptions: Record<Locale, string> };
