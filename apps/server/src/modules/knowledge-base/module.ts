import { defineModule } from "../../core/module.js";

/** The knowledge base: articles and their translations, categories, search, the widget's suggestions and the public help center. */
export const knowledgeBaseModule = defineModule({ name: "knowledge-base" });
