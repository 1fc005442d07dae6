import type { FastifyInstance } from "fastify";
import { defineModule } from "../../core/module.js";
import { createFreshness } from "./freshness.js";
import { questionsFromArticleLinks } from "./question-suggestions.js";
import { helpCenterRoutes } from "./help-center/routes.js";
import { articleRoutes } from "./routes.js";
import { createViewCounter } from "./stats.js";
import { widgetArticleRoutes } from "./widget-routes.js";

/**
 * The knowledge base: articles and their translations, categories, revisions and search for agents
 * (/api/v1), the widget's suggestions (/widget/v1/articles) and the public help center (/help);
 * customers' questions the articles answered, learned from conversations, for their writers.
 */
export const knowledgeBaseModule = defineModule({
  name: "knowledge-base",
  routes: [articleRoutes],
  listeners: [questionsFromArticleLinks],
  rootRoutes: [
    async (app: FastifyInstance) => {
      // Views of the help center and the widget, counted in memory and written every few seconds.
      const views = createViewCounter(app.runtime.db, app.log.child({ module: "knowledge-base" }));
      const freshness = createFreshness(app.runtime.bus);
      app.addHook("onClose", async () => {
        freshness.stop();
        await views.stop();
      });
      await app.register(helpCenterRoutes(views, freshness));
      await app.register(widgetArticleRoutes(views, freshness), { prefix: "/widget/v1" });
    },
  ],
});
