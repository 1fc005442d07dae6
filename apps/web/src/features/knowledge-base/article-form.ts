import { z } from "zod";
import { ARTICLE_VISIBILITIES, ArticleBody, ArticleTitle, LOCALES, Slug, type ArticleDto, type ArticleStatus, type UpdateArticleBody } from "@atende/shared";

/** The editor's fields, checked by the API's own rules: an empty slug is made from the title; an empty category is none. */
export const ArticleForm = z.object({
  locale: z.enum(LOCALES),
  title: ArticleTitle,
  body: ArticleBody,
  slug: z.union([z.literal(""), Slug]),
  visibility: z.enum(ARTICLE_VISIBILITIES),
  categoryId: z.string(),
});
export type ArticleFormInput = z.input<typeof ArticleForm>;
export type ArticleFormValues = z.output<typeof ArticleForm>;

export const formValuesOf = (a: ArticleDto): ArticleFormInput => ({
  locale: a.locale,
  title: a.title,
  body: a.body,
  slug: a.slug,
  visibility: a.visibility,
  categoryId: a.categoryId ?? "",
});

/** What a save changes: the fields that differ from the saved translation (and the status, when it changes too). */
export function changesOf(saved: ArticleDto, values: ArticleFormValues, status?: ArticleStatus): UpdateArticleBody {
  const categoryId = values.categoryId === "" ? null : values.categoryId;
  return {
    ...(values.title !== saved.title ? { title: values.title } : {}),
    ...(values.body !== saved.body ? { body: values.body } : {}),
    ...(values.slug !== "" && values.slug !== saved.slug ? { slug: values.slug } : {}),
    ...(values.visibility !== saved.visibility ? { visibility: values.visibility } : {}),
    ...(categoryId !== saved.categoryId ? { categoryId } : {}),
    ...(status && status !== saved.status ? { status } : {}),
  };
}
