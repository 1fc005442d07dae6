// What the knowledge base loads when it is first opened, in one chunk: its texts and its pages.
import "./strings.js";
export { ArticleListPage } from "./article-list-page.js";
export { ArticlePage } from "./article-page.js";
export { TranslatePage } from "./translate-page.js";
export { CategoriesPage } from "./categories-page.js";
export { WhatsNewPage } from "./whats-new-page.js";
export { InsightsPage } from "./insights-page.js";
