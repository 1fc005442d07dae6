import type { FastifyInstance } from "fastify";
import { chatEmailFallbackJob, chatEmailFallbackListener } from "./email-fallback.js";
import { defineModule } from "../../core/module.js";
import { widgetAssets } from "./assets.js";
import { visitRoutes, widgetRoutes } from "./routes.js";

/** Live chat: the widget's public API and files, what agents see of visitors, and the e-mail fallback. */
export const chatModule = defineModule({
  name: "chat",
  routes: [visitRoutes],
  rootRoutes: [
    async (app: FastifyInstance) => {
      await app.register(widgetRoutes, { prefix: "/widget/v1" });
    },
    widgetAssets,
  ],
  jobs: [chatEmailFallbackJob],
  listeners: [chatEmailFallbackListener],
});
