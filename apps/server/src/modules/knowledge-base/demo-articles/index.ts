import type { Locale } from "@atende/shared";
import { CS_ARTICLES } from "./cs.js";
import { EN_ARTICLES } from "./en.js";
import { PT_BR_ARTICLES } from "./pt-BR.js";
import type { DemoArticle } from "./types.js";

export { DEMO_CATEGORIES } from "./categories.js";
export type { DemoArticle, DemoCategory, DemoCategoryKey } from "./types.js";

/** The demo knowledge base: the same articles (by `key`) written in each language. */
export const DEMO_ARTICLES: Readonly<Record<Locale, readonly DemoArticle[]>> = { en: EN_ARTICLES, "pt-BR": PT_BR_ARTICLES, cs: CS_ARTICLES };
