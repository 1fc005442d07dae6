import { z } from "zod";
import { ARTICLE_SLUG_MAX, Id, LOCALES, text } from "@atende/shared";

/*
 * What the help center's addresses and its one form take. Anyone may type them, so every part is
 * checked before it reaches a query: a NUL or an over-long slug would otherwise be a database
 * error, a 500. A repeated query parameter (`?q=a&q=b`) arrives as an array, which these refuse as
 * the API's schemas do. Unknown parameters (`utm_source`, …) are ignored. The routes answer a bad
 * path with their 404 page and a bad query or form with a 400 page, never with JSON.
 */

/** The longest workspace slug looked up (workspace slugs are made from names, far shorter). */
const WORKSPACE_SLUG_MAX = 100;
const WorkspaceSlug = text(WORKSPACE_SLUG_MAX);
/** An article's or a category's slug as typed: checked only for length and text, so an old slug still finds its 404 or redirect. */
const PageSlug = text(ARTICLE_SLUG_MAX);

export const WorkspaceParams = z.object({ ws: WorkspaceSlug });
export const LocaleParams = WorkspaceParams.extend({ locale: z.enum(LOCALES) });
export const CategoryParams = LocaleParams.extend({ category: PageSlug });
export const ArticleParams = LocaleParams.extend({ slug: PageSlug });
export const ImageParams = WorkspaceParams.extend({ id: Id, name: text(255) });

/** The home page, or with `q` a search (a blank one shows the home page). */
export const HomeQuery = z.object({ q: text(200).optional() });
/** `feedback=thanks`: the article again after "Was this helpful?". */
export const ArticleQuery = z.object({ feedback: z.literal("thanks").optional() });
/** "Was this helpful?" as the article's plain form posts it. */
export const FeedbackBody = z.object({ helpful: z.enum(["yes", "no"]) });

/** Of an address refused as bad input, what its error page can still use: the workspace and language, when valid. */
export const ErrorPageParams = z
  .object({ ws: WorkspaceSlug.optional().catch(undefined), locale: z.enum(LOCALES).optional().catch(undefined) })
  .catch({});

/** A form's fields, parsed as the query string is: a repeated field becomes an array (which the schemas refuse). */
export function formFields(body: string): Record<string, string | string[]> {
  const fields = new Map<string, string[]>();
  for (const [name, value] of new URLSearchParams(body)) fields.set(name, [...(fields.get(name) ?? []), value]);
  return Object.fromEntries([...fields].map(([name, values]) => [name, values.length > 1 ? values : (values[0] ?? "")]));
}
