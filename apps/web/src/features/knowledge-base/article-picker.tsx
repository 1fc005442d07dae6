// The composer's article search, loaded when first opened.
import "./strings.js";
import { Badge, Group, Loader, Modal, Stack, Text, TextInput, UnstyledButton } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useQuery } from "@tanstack/react-query";
import { IconSearch } from "@tabler/icons-react";
import { useState, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ArticleDto, detectLocale, VisitDto, type ArticleSummaryDto, type Locale } from "@atende/shared";
import { api } from "../../api/client.js";
import { describeError, showError } from "../../api/errors.js";
import { currentLocale, LOCALE_NAMES } from "../../i18n.js";
import { useConversation, useMessages } from "../conversations/queries.js";
import { articleKeys } from "./keys.js";
import { articleLinkText, localeOf, translationToLink } from "./article-link.js";
import { searchPublicArticles } from "./queries.js";
import { localeCode } from "./translation-badges.js";

/**
 * The conversation's language: the one the customer writes in, told from their newest messages;
 * else the one their browser said in the chat; else the agent's.
 */
function useConversationLocale(conversationId: string): Locale {
  const contactId = useConversation(conversationId).data?.contact.id;
  const visits = useQuery({
    queryKey: ["contacts", contactId, "visits"],
    queryFn: () => api(z.array(VisitDto), `/contacts/${contactId ?? ""}/visits`),
    enabled: contactId !== undefined,
  });
  const messages = useMessages(conversationId);
  const written = (messages.data?.messages ?? [])
    .filter((m) => m.direction === "incoming" && m.kind === "reply")
    .slice(-5)
    .map((m) => m.body)
    .join("\n");
  return detectLocale(written, localeOf(visits.data?.[0]?.context?.language) ?? currentLocale());
}

/**
 * One row per article (the search has a row per translation it found), in the order found: the
 * translation in the first of `locales` there is, whose snippet then reads in the customer's language.
 */
function rowPerArticle(rows: ArticleSummaryDto[], locales: Locale[]): ArticleSummaryDto[] {
  const rank = (row: ArticleSummaryDto) => {
    const at = locales.indexOf(row.locale);
    return at < 0 ? locales.length : at;
  };
  const best = new Map<string, ArticleSummaryDto>();
  for (const row of rows) {
    const kept = best.get(row.articleId);
    if (!kept || rank(row) < rank(kept)) best.set(row.articleId, row);
  }
  return [...best.values()];
}

type Props = { conversationId: string; onPick: (text: string) => void; onClose: () => void };

/**
 * Finds a published public article and gives the composer "Title: address" of it in the
 * conversation's language (the customer's, else the agent's; the translation there is, else).
 */
export function ArticlePicker({ conversationId, onPick, onClose }: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState("");
  const [q] = useDebouncedValue(text.trim(), 200);
  const [active, setActive] = useState(0);
  const [picking, setPicking] = useState(false);
  const wanted = useConversationLocale(conversationId);
  const found = useQuery({
    queryKey: articleKeys.pick(q),
    queryFn: ({ signal }) => searchPublicArticles(q, signal),
    staleTime: 30_000,
  });
  const locales = [wanted, currentLocale()];
  const items = rowPerArticle(found.data?.items ?? [], locales);
  /** The translation a row's article will be linked in, whose title the row shows: it reads as it will be inserted. */
  const linkedTranslation = (article: ArticleSummaryDto) => translationToLink(article, article.translations, locales);
  const pick = async (article: ArticleSummaryDto) => {
    setPicking(true);
    try {
      const chosen = linkedTranslation(article);
      const linked = chosen.id === article.id ? article : await api(ArticleDto, `/articles/${chosen.id}`);
      if (!linked.url) throw new Error(t("knowledgeBase.picker.noAddress"));
      onPick(articleLinkText(linked.title, linked.url, location.origin));
    } catch (error) {
      showError(error);
      setPicking(false);
    }
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (items.length === 0) return;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      setActive((i) => (i + (e.key === "ArrowDown" ? 1 : items.length - 1)) % items.length);
    } else if (e.key === "Enter") {
      e.preventDefault();
      const chosen = items[active];
      if (chosen) void pick(chosen);
    }
  };
  const listId = `article-picker-${conversationId}`;
  return (
    <Modal opened onClose={onClose} title={t("knowledgeBase.picker.title")} size="lg">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t("knowledgeBase.picker.help", { language: LOCALE_NAMES[wanted] })}
        </Text>
        <TextInput
          data-autofocus
          type="search"
          aria-label={t("knowledgeBase.picker.search")}
          placeholder={t("knowledgeBase.picker.search")}
          leftSection={found.isFetching || picking ? <Loader size={14} /> : <IconSearch size={16} aria-hidden />}
          value={text}
          onChange={(e) => {
            setText(e.currentTarget.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
          role="combobox"
          aria-expanded={items.length > 0}
          aria-controls={listId}
          aria-activedescendant={items.length > 0 ? `${listId}-${String(active)}` : undefined}
          aria-autocomplete="list"
        />
        {found.isError && <Text c="red" size="sm">{describeError(found.error)}</Text>}
        {found.isSuccess && items.length === 0 && (
          <Text c="dimmed" size="sm">
            {q ? t("knowledgeBase.nothingFound", { query: q }) : t("knowledgeBase.picker.none")}
          </Text>
        )}
        <Stack gap={4} id={listId} role="listbox" aria-label={t("knowledgeBase.picker.results")}>
          {items.map((a, i) => {
            const linked = linkedTranslation(a);
            return (
              <UnstyledButton
                key={a.articleId}
                id={`${listId}-${String(i)}`}
                role="option"
                aria-selected={i === active}
                p="xs"
                style={{ borderRadius: 6, background: i === active ? "var(--mantine-primary-color-light)" : undefined }}
                onMouseEnter={() => { setActive(i); }}
                onClick={() => void pick(a)}
                disabled={picking}
              >
                <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
                  <Stack gap={2} miw={0}>
                    <Text size="sm" fw={600} lang={linked.locale}>
                      {linked.title}
                    </Text>
                    {a.snippet && (
                      <Text size="xs" c="dimmed" lineClamp={2} lang={a.locale}>
                        {a.snippet}
                      </Text>
                    )}
                  </Stack>
                  <Group gap={2} wrap="nowrap">
                    {a.translations
                      .filter((x) => x.status === "published")
                      .map((x) => (
                        <Badge key={x.locale} size="xs" variant={x.locale === wanted ? "filled" : "light"} title={LOCALE_NAMES[x.locale]}>
                          {localeCode(x.locale)}
                        </Badge>
                      ))}
                  </Group>
                </Group>
              </UnstyledButton>
            );
          })}
        </Stack>
      </Stack>
    </Modal>
  );
}
