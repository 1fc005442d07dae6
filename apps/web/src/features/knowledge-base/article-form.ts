import { z } from "zod";
import { ARTICLE_VISIBILITIES, ArticleBody, ArticleQuestions, ArticleTitle, LOCALES, Slug, type ArticleDto, type ArticleStatus, type UpdateArticleBody } from "@atende/shared";

/** The questions box's text as a list: one question a line, blank lines left out. */
export const questionLines = (text: string): string[] =>
  text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);

/** The questions as the box shows them: one a line. */
export const questionsText = (questions: readonly string[]): string => questions.join("\n");

/** The questions box, checked by the API's rules once split into lines (too many; one too long). */
export const QuestionsText = z.string().transform(questionLines).pipe(ArticleQuestions);

/** The editor's fields, checked by the API's own rules: an empty slug is made from the title; an empty category is none. */
export const ArticleForm = z.object({
  locale: z.enum(LOCALES),
  title: ArticleTitle,
  body: ArticleBody,
  questions: QuestionsText,
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
  questions: questionsText(a.questions),
  slug: a.slug,
  visibility: a.visibility,
  categoryId: a.categoryId ?? "",
});

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** What a save changes: the fields that differ from the saved translation (and the status, when it changes too). */
export function changesOf(saved: ArticleDto, values: ArticleFormValues, status?: ArticleStatus): UpdateArticleBody {
  const categoryId = values.categoryId === "" ? null : values.categoryId;
  return {
    ...(values.title !== saved.title ? { title: values.title } : {}),
    ...(values.body !== saved.body ? { body: values.body } : {}),
    ...(!sameList(values.questions, saved.questions) ? { questions: values.questions } : {}),
    ...(values.slug !== "" && values.slug !== saved.slug ? { slug: values.slug } : {}),
    ...(values.visibility !== saved.visibility ? { visibility: values.visibility } : {}),
    ...(categoryId !== saved.categoryId ? { categoryId } : {}),
    ...(status && status !== saved.status ? { status } : {}),
  };
}

const isFieldError = (e: unknown): e is { type?: unknown; message: string } => typeof e === "object" && e !== null && "message" in e && typeof e.message === "string";
const codeOf = (e: { type?: unknown }) => (typeof e.type === "string" ? e.type : "");

/**
 * The questions box's problem, from the form's errors for it: the list's own (`too_many`), else the
 * first question's, with its number among the questions (from 1; a problem of one question is kept
 * under its index, by the form's check and by the server's alike).
 */
export function questionsProblem(error: unknown): { code: string; message: string; number?: number } | undefined {
  if (isFieldError(error)) return { code: codeOf(error), message: error.message };
  if (typeof error !== "object" || error === null) return undefined;
  for (const [key, value] of Object.entries(error)) {
    if (/^\d+$/.test(key) && isFieldError(value)) return { code: codeOf(value), message: value.message, number: Number(key) + 1 };
  }
  return undefined;
}
