import { eq } from "drizzle-orm";
import { LOCALES } from "@atende/shared";
import { articles } from "../../db/schema/index.js";
import type { Ctx } from "../../core/context.js";
import { createCategory } from "./categories.js";
import { DEMO_ARTICLES, DEMO_CATEGORIES } from "./demo-articles/index.js";
import { createArticle } from "./service.js";

/**
 * Writes the demo knowledge base into the actor's workspace through the services (so revisions,
 * events and search follow): its categories, then each article in English with its Portuguese and
 * Czech translations, published. A workspace that has articles already is left as it is. Returns
 * each translation's id by `<locale>:<key>`.
 */
export async function seedKnowledgeBase(ctx: Ctx): Promise<Map<string, string>> {
  const [existing] = await ctx.tx.select({ id: articles.id }).from(articles).where(eq(articles.workspaceId, ctx.actor.workspaceId)).limit(1);
  if (existing) return new Map();
  const categories = new Map<string, string>();
  for (const category of DEMO_CATEGORIES) {
    const created = await createCategory(ctx, { names: category.names, descriptions: category.descriptions });
    categories.set(category.key, created.id);
  }
  const ids = new Map<string, string>();
  const [first, ...others] = LOCALES;
  for (const article of DEMO_ARTICLES[first]) {
    const created = await createArticle(ctx, {
      locale: first,
      title: article.title,
      body: article.body,
      questions: [...(article.questions ?? [])],
      status: "published",
      visibility: article.visibility ?? "public",
      categoryId: categories.get(article.category) ?? null,
    });
    ids.set(`${first}:${article.key}`, created.id);
    for (const locale of others) {
      const translation = DEMO_ARTICLES[locale].find((a) => a.key === article.key);
      if (!translation) continue;
      const made = await createArticle(ctx, {
        locale,
        title: translation.title,
        body: translation.body,
        questions: [...(translation.questions ?? [])],
        status: "published",
        translationOf: created.id,
      });
      ids.set(`${locale}:${article.key}`, made.id);
    }
  }
  return ids;
}
