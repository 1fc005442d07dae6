import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import {
  type ArticleCategoryDto,
  ArticleCategoryListDto,
  ArticleDto,
  ArticleImageDto,
  ArticlePageDto,
  ArticleQuestionSuggestionListDto,
  ArticleRevisionPageDto,
  WhatsNewDto,
  WhatsNewSeenDto,
  type AgentRole,
  type CreateArticleBody,
  type ListArticlesQuery,
  type Locale,
  type UpdateArticleBody,
} from "@atende/shared";
import { api } from "../../api/client.js";
import { articleKeys } from "./keys.js";

/** Who writes the knowledge base (the server's rule; each article also says so in `editable`). */
const WRITERS: readonly AgentRole[] = ["admin", "supervisor"];
export const mayWriteArticles = (role: AgentRole): boolean => WRITERS.includes(role);

/** The list's filters as the address keeps them; empty ones left out. */
export type ArticleFilters = Pick<ListArticlesQuery, "q" | "locale" | "status" | "visibility" | "categoryId">;

const query = (values: Record<string, string | number | undefined>) =>
  new URLSearchParams(Object.entries(values).flatMap(([k, v]) => (v === undefined || v === "" ? [] : [[k, String(v)]]))).toString();

/** Translations matching the filters, a page at a time (newest change first; best match first with `q`). */
export function useArticleList(filters: ArticleFilters) {
  return useInfiniteQuery({
    queryKey: articleKeys.list(filters),
    queryFn: ({ pageParam, signal }) => api(ArticlePageDto, `/articles?${query({ ...filters, limit: 50, cursor: pageParam })}`, { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** Published public articles matching `q` (the help center's, what a customer may be sent). */
export function searchPublicArticles(q: string, signal?: AbortSignal) {
  return api(ArticlePageDto, `/articles?${query({ q, status: "published", visibility: "public", limit: 8 })}`, signal ? { signal } : {});
}

export function useArticle(id: string | undefined) {
  return useQuery({
    queryKey: articleKeys.one(id ?? ""),
    queryFn: ({ signal }) => api(ArticleDto, `/articles/${id ?? ""}`, { signal }),
    enabled: id !== undefined,
  });
}

export function useCategories() {
  return useQuery({ queryKey: articleKeys.categories, queryFn: ({ signal }) => api(ArticleCategoryListDto, "/article-categories", { signal }), staleTime: 60_000 });
}

/** A category's name in `locale`, else in the first language it has one. */
export function categoryName(category: Pick<ArticleCategoryDto, "names">, locale: Locale): string {
  return category.names[locale] ?? Object.values(category.names).find((n) => n !== "") ?? "";
}

/** Keeps what the server answered for a translation, and has every list read again. */
function useStoreArticle() {
  const client = useQueryClient();
  return async (saved: ArticleDto) => {
    client.setQueryData(articleKeys.one(saved.id), saved);
    await client.invalidateQueries({ queryKey: articleKeys.all, predicate: (q) => !(q.queryKey[1] === "one" && q.queryKey[2] === saved.id) });
  };
}

/** Writes a new article, or with `translationOf` a new translation of one. */
export function useCreateArticle() {
  const store = useStoreArticle();
  return useMutation({
    mutationFn: (body: z.input<typeof CreateArticleBody>) => api(ArticleDto, "/articles", { method: "POST", body }),
    onSuccess: store,
  });
}

export function useUpdateArticle(id: string) {
  const store = useStoreArticle();
  return useMutation({
    mutationFn: (body: UpdateArticleBody) => api(ArticleDto, `/articles/${id}`, { method: "PATCH", body }),
    onSuccess: store,
  });
}

export function useDeleteArticle() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api(z.null(), `/articles/${id}`, { method: "DELETE" }),
    onSuccess: (_done, id) => {
      client.removeQueries({ queryKey: articleKeys.one(id) });
      return client.invalidateQueries({ queryKey: articleKeys.all });
    },
  });
}

export function useRevisions(id: string, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: articleKeys.revisions(id),
    queryFn: ({ pageParam, signal }) => api(ArticleRevisionPageDto, `/articles/${id}/revisions?${query({ limit: 50, cursor: pageParam })}`, { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
}

export function useRestoreRevision(id: string) {
  const store = useStoreArticle();
  return useMutation({
    mutationFn: (revisionId: string) => api(ArticleDto, `/articles/${id}/revisions/${revisionId}/restore`, { method: "POST" }),
    onSuccess: store,
  });
}

/** The questions customers asked that the translation answered, newest first. */
export function useQuestionSuggestions(id: string) {
  return useQuery({
    queryKey: articleKeys.questionSuggestions(id),
    queryFn: ({ signal }) => api(ArticleQuestionSuggestionListDto, `/articles/${id}/question-suggestions`, { signal }),
  });
}

/** Adds a suggested question to the translation's questions (saved as a revision): the translation as it is now. */
export function useAcceptQuestionSuggestion(id: string) {
  const store = useStoreArticle();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (suggestionId: string) => api(ArticleDto, `/articles/${id}/question-suggestions/${suggestionId}/accept`, { method: "POST" }),
    onSuccess: store,
    // Taken by someone else meanwhile, or refused: the list is read again either way.
    onError: () => client.invalidateQueries({ queryKey: articleKeys.questionSuggestions(id) }),
  });
}

/** Dismisses a suggested question: it leaves the list at once. */
export function useDismissQuestionSuggestion(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (suggestionId: string) => api(z.null(), `/articles/${id}/question-suggestions/${suggestionId}`, { method: "DELETE" }),
    onSuccess: (_done, suggestionId) => {
      client.setQueryData<ArticleQuestionSuggestionListDto>(articleKeys.questionSuggestions(id), (old) =>
        old ? { items: old.items.filter((s) => s.id !== suggestionId) } : old,
      );
    },
    onSettled: () => client.invalidateQueries({ queryKey: articleKeys.questionSuggestions(id) }),
  });
}

/** Uploads a picture for an article's Markdown; its public address goes in `![…](url)`. */
export function uploadArticleImage(file: File) {
  return api(ArticleImageDto, `/articles/images?fileName=${encodeURIComponent(file.name)}`, { method: "POST", body: file });
}

/** The internal articles published or changed lately, in the agent's language where translated. */
export function useWhatsNew() {
  return useQuery({ queryKey: articleKeys.whatsNewList, queryFn: ({ signal }) => api(WhatsNewDto, "/articles/whats-new?limit=50", { signal }) });
}

/** Marks What's new as seen: the header's number goes to zero, the list keeps what was new as it was shown. */
export function useSeenWhatsNew() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api(WhatsNewSeenDto, "/articles/whats-new/seen", { method: "POST" }),
    onSuccess: (seen) => {
      client.setQueryData<WhatsNewDto>(articleKeys.whatsNewCount, (old) => (old ? { ...old, unread: seen.unread, seenAt: seen.seenAt } : old));
    },
  });
}
