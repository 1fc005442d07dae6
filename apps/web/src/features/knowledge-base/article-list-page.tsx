import { Anchor, Badge, Button, Center, Group, Loader, Paper, Select, Stack, Text, TextInput, Title } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconLock, IconSearch, IconWorld } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { ARTICLE_STATUSES, ARTICLE_VISIBILITIES, LOCALES, type ArticleSummaryDto, type Locale } from "@atende/shared";
import { LoadError } from "../../components/load-error.js";
import { relativeTime } from "../../format.js";
import { currentLocale, LOCALE_NAMES } from "../../i18n.js";
import { KnowledgeBaseFrame } from "./kb-frame.js";
import { categoryName, useArticleList, useCategories, type ArticleFilters } from "./queries.js";
import { TranslationBadges } from "./translation-badges.js";
import { Loading } from "../../components/loading.js";

const pick = <T extends string>(values: readonly T[], value: string | null): T | undefined => values.find((v) => v === value);

/** The list's filters, kept in the address (so a filtered list can be reloaded and shared). */
function useFilters() {
  const [params, setParams] = useSearchParams();
  const filters = {
    q: params.get("q") ?? "",
    locale: pick(LOCALES, params.get("locale")),
    status: pick(ARTICLE_STATUSES, params.get("status")),
    visibility: pick(ARTICLE_VISIBILITIES, params.get("visibility")),
    categoryId: params.get("categoryId") ?? undefined,
  };
  const set = (name: keyof ArticleFilters, value: string | null) => {
    setParams(
      (old) => {
        const next = new URLSearchParams(old);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );
  };
  return { filters, set };
}

/** One row per article: the first translation the list gave of it (the language asked for, or the newest change / best match). */
function byArticle(items: ArticleSummaryDto[]): ArticleSummaryDto[] {
  const seen = new Set<string>();
  return items.filter((a) => !seen.has(a.articleId) && Boolean(seen.add(a.articleId)));
}

function ArticleRow({ article, categories }: { article: ArticleSummaryDto; categories: Map<string, string> }) {
  const { t } = useTranslation();
  const category = article.categoryId ? categories.get(article.categoryId) : undefined;
  return (
    <Paper withBorder p="sm" component="li" style={{ listStyle: "none" }}>
      <Stack gap={6}>
        <Group justify="space-between" gap="xs" wrap="wrap" align="flex-start">
          <Anchor component={Link} to={`/knowledge-base/articles/${article.id}`} fw={600} lang={article.locale} style={{ overflowWrap: "anywhere" }}>
            {article.title}
          </Anchor>
          <TranslationBadges translations={article.translations} current={article.id} />
        </Group>
        {article.snippet && (
          <Text size="sm" c="dimmed" lineClamp={2} lang={article.locale}>
            {article.snippet}
          </Text>
        )}
        <Group gap={6} wrap="wrap">
          <Badge size="sm" variant={article.status === "published" ? "filled" : "light"} color={article.status === "published" ? "teal.9" : "gray"}>
            {t(`knowledgeBase.statuses.${article.status}`)}
          </Badge>
          <Badge
            size="sm"
            variant="light"
            color={article.visibility === "public" ? "blue" : "grape"}
            leftSection={article.visibility === "public" ? <IconWorld size={12} aria-hidden /> : <IconLock size={12} aria-hidden />}
          >
            {t(`knowledgeBase.visibilities.${article.visibility}`)}
          </Badge>
          {category && (
            <Text size="xs" c="dimmed">
              {category}
            </Text>
          )}
          <Text size="xs" c="dimmed">
            {article.updatedBy
              ? t("knowledgeBase.updatedBy", { when: relativeTime(article.updatedAt), name: article.updatedBy.name })
              : t("knowledgeBase.updated", { when: relativeTime(article.updatedAt) })}
          </Text>
        </Group>
      </Stack>
    </Paper>
  );
}

/**
 * The knowledge base's articles, one row per article with which translations it has: searched (in
 * every language, best match first) and filtered by language, status, visibility and category.
 */
export function ArticleListPage() {
  const { t } = useTranslation();
  const { filters, set } = useFilters();
  const [q] = useDebouncedValue(filters.q.trim(), 250);
  const list = useArticleList({ ...filters, q: q || undefined });
  const categories = useCategories();
  const locale = currentLocale();
  const names = new Map((categories.data?.items ?? []).map((c) => [c.id, categoryName(c, locale)]));
  const rows = byArticle(list.data?.pages.flatMap((p) => p.items) ?? []);
  const any = (label: string) => [{ value: "", label }];
  const filtered = Boolean(q || filters.locale || filters.status || filters.visibility || filters.categoryId);
  return (
    <KnowledgeBaseFrame>
      <Stack maw={960} gap="md">
        <Title order={1} size="h3">
          {t("knowledgeBase.articles")}
        </Title>
        <TextInput
          type="search"
          aria-label={t("knowledgeBase.search")}
          placeholder={t("knowledgeBase.search")}
          leftSection={list.isFetching && q ? <Loader size={14} /> : <IconSearch size={16} aria-hidden />}
          value={filters.q}
          onChange={(e) => { set("q", e.currentTarget.value); }}
        />
        <Group gap="xs" wrap="wrap" align="flex-end">
          <Select
            size="xs"
            w={150}
            label={t("knowledgeBase.language")}
            data={[...any(t("knowledgeBase.allLanguages")), ...LOCALES.map((l: Locale) => ({ value: l, label: LOCALE_NAMES[l] }))]}
            value={filters.locale ?? ""}
            onChange={(v) => { set("locale", v); }}
            allowDeselect={false}
          />
          <Select
            size="xs"
            w={140}
            label={t("knowledgeBase.status")}
            data={[...any(t("knowledgeBase.anyStatus")), ...ARTICLE_STATUSES.map((s) => ({ value: s, label: t(`knowledgeBase.statuses.${s}`) }))]}
            value={filters.status ?? ""}
            onChange={(v) => { set("status", v); }}
            allowDeselect={false}
          />
          <Select
            size="xs"
            w={140}
            label={t("knowledgeBase.visibility")}
            data={[...any(t("knowledgeBase.anyVisibility")), ...ARTICLE_VISIBILITIES.map((v) => ({ value: v, label: t(`knowledgeBase.visibilities.${v}`) }))]}
            value={filters.visibility ?? ""}
            onChange={(v) => { set("visibility", v); }}
            allowDeselect={false}
          />
          <Select
            size="xs"
            w={180}
            label={t("knowledgeBase.category")}
            data={[
              ...any(t("knowledgeBase.anyCategory")),
              { value: "none", label: t("knowledgeBase.noCategory") },
              ...(categories.data?.items ?? []).map((c) => ({ value: c.id, label: names.get(c.id) ?? "" })),
            ]}
            value={filters.categoryId ?? ""}
            onChange={(v) => { set("categoryId", v); }}
            allowDeselect={false}
          />
        </Group>
        {list.isError && <LoadError error={list.error} onRetry={() => void list.refetch()} />}
        {list.isPending && <Loading />}
        <Stack component="ul" gap="xs" p={0} m={0} aria-label={t("knowledgeBase.articles")} aria-busy={list.isFetching && !list.isFetchingNextPage}>
          {rows.map((a) => (
            <ArticleRow key={a.articleId} article={a} categories={names} />
          ))}
        </Stack>
        {list.isSuccess && rows.length === 0 && (
          <Text c="dimmed" ta="center" p="md">
            {q ? t("knowledgeBase.nothingFound", { query: q }) : filtered ? t("knowledgeBase.nothingFiltered") : t("knowledgeBase.none")}
          </Text>
        )}
        {list.hasNextPage && (
          <Center>
            <Button variant="subtle" size="xs" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
              {t("knowledgeBase.more")}
            </Button>
          </Center>
        )}
      </Stack>
    </KnowledgeBaseFrame>
  );
}
