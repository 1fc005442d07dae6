import { IconBook } from "@tabler/icons-react";
import { lazyExport, type WebFeature } from "../web-feature.js";
import { useWhatsNewCount } from "./whats-new-count.js";

// The pages load together when the knowledge base is first opened; the editor's Markdown renderer later still.
const onDemand = () => import("./on-demand.js");
const ArticleListPage = lazyExport(onDemand, "ArticleListPage");
const ArticlePage = lazyExport(onDemand, "ArticlePage");
const TranslatePage = lazyExport(onDemand, "TranslatePage");
const CategoriesPage = lazyExport(onDemand, "CategoriesPage");
const WhatsNewPage = lazyExport(onDemand, "WhatsNewPage");
const InsightsPage = lazyExport(onDemand, "InsightsPage");

/** The knowledge base: articles in every language, their categories, What's new for the team, and what readers did. */
export const feature: WebFeature = {
  name: "knowledge-base",
  routes: [
    { path: "/knowledge-base", element: <ArticleListPage /> },
    { path: "/knowledge-base/articles/new", element: <ArticlePage /> },
    { path: "/knowledge-base/articles/:id", element: <ArticlePage /> },
    { path: "/knowledge-base/articles/:id/translate/:locale", element: <TranslatePage /> },
    { path: "/knowledge-base/categories", element: <CategoriesPage /> },
    { path: "/knowledge-base/whats-new", element: <WhatsNewPage /> },
    { path: "/knowledge-base/insights", element: <InsightsPage /> },
  ],
  navigation: { label: "knowledgeBase.title", icon: IconBook, path: "/knowledge-base", order: 17, useCount: useWhatsNewCount, countLabel: "knowledgeBase.whatsNew.unread" },
};
