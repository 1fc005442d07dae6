import { Anchor, Group, Paper, SegmentedControl, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { KnowledgeBaseInsightsDto } from "@atende/shared";
import { api } from "../../api/client.js";
import { CardTable, Cell } from "../../components/card-table.js";
import { LoadError } from "../../components/load-error.js";
import { dateTime } from "../../format.js";
import { currentLocale, LOCALE_NAMES } from "../../i18n.js";
import { articleKeys } from "./keys.js";
import { KnowledgeBaseFrame } from "./kb-frame.js";
import { localeCode } from "./translation-badges.js";
import { Loading } from "../../components/loading.js";

const PERIODS = [7, 30, 90] as const;

function Figure({ label, value }: { label: string; value: number }) {
  return (
    <Paper withBorder p="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="xl">
        {value.toLocaleString(currentLocale())}
      </Text>
    </Paper>
  );
}

/**
 * What works and what does not: readers' views, helpful and not, questions the widget answered
 * without a person (self-service), the most read articles, and the searches that found nothing.
 */
export function InsightsPage() {
  const { t } = useTranslation();
  const [days, setDays] = useState<number>(30);
  const insights = useQuery({
    queryKey: articleKeys.insights(days),
    queryFn: ({ signal }) => api(KnowledgeBaseInsightsDto, `/articles/insights?days=${String(days)}`, { signal }),
  });
  const data = insights.data;
  return (
    <KnowledgeBaseFrame>
      <Stack maw={960} gap="md">
        <Group justify="space-between" gap="xs">
          <Title order={1} size="h3">
            {t("knowledgeBase.insights.title")}
          </Title>
          <SegmentedControl
            size="xs"
            value={String(days)}
            onChange={(v) => { setDays(Number(v)); }}
            data={PERIODS.map((d) => ({ value: String(d), label: t("knowledgeBase.insights.days", { count: d }) }))}
            aria-label={t("knowledgeBase.insights.period")}
          />
        </Group>
        {insights.isError && <LoadError error={insights.error} onRetry={() => void insights.refetch()} />}
        {insights.isPending && <Loading />}
        {data && (
          <>
            <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs">
              <Figure label={t("knowledgeBase.insights.views")} value={data.totals.views} />
              <Figure label={t("knowledgeBase.insights.helpful")} value={data.totals.helpful} />
              <Figure label={t("knowledgeBase.insights.notHelpful")} value={data.totals.notHelpful} />
              <Figure label={t("knowledgeBase.insights.selfService")} value={data.totals.selfService} />
            </SimpleGrid>
            <Title order={2} size="h5">
              {t("knowledgeBase.insights.topArticles")}
            </Title>
            {data.topArticles.length === 0 ? (
              <Text c="dimmed" size="sm">
                {t("knowledgeBase.insights.noViews")}
              </Text>
            ) : (
              <CardTable minWidth={520} striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t("knowledgeBase.insights.article")}</Table.Th>
                    <Table.Th>{t("knowledgeBase.insights.views")}</Table.Th>
                    <Table.Th>{t("knowledgeBase.insights.helpful")}</Table.Th>
                    <Table.Th>{t("knowledgeBase.insights.notHelpful")}</Table.Th>
                    <Table.Th>{t("knowledgeBase.insights.selfService")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.topArticles.map((a) => (
                    <Table.Tr key={a.id}>
                      <Cell label={t("knowledgeBase.insights.article")}>
                        <Anchor component={Link} to={`/knowledge-base/articles/${a.id}`} size="sm" lang={a.locale}>
                          {a.title}
                        </Anchor>{" "}
                        <Text span size="xs" c="dimmed" title={LOCALE_NAMES[a.locale]}>
                          {localeCode(a.locale)}
                        </Text>
                      </Cell>
                      <Cell label={t("knowledgeBase.insights.views")}>{a.stats.views}</Cell>
                      <Cell label={t("knowledgeBase.insights.helpful")}>{a.stats.helpful}</Cell>
                      <Cell label={t("knowledgeBase.insights.notHelpful")}>{a.stats.notHelpful}</Cell>
                      <Cell label={t("knowledgeBase.insights.selfService")}>{a.stats.selfService}</Cell>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </CardTable>
            )}
            <Stack gap={2}>
              <Title order={2} size="h5">
                {t("knowledgeBase.insights.gaps")}
              </Title>
              <Text size="xs" c="dimmed">
                {t("knowledgeBase.insights.gapsHelp")}
              </Text>
            </Stack>
            {data.gaps.length === 0 ? (
              <Text c="dimmed" size="sm">
                {t("knowledgeBase.insights.noGaps")}
              </Text>
            ) : (
              <CardTable minWidth={420} striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t("knowledgeBase.insights.query")}</Table.Th>
                    <Table.Th>{t("knowledgeBase.language")}</Table.Th>
                    <Table.Th>{t("knowledgeBase.insights.searches")}</Table.Th>
                    <Table.Th>{t("knowledgeBase.insights.lastAt")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.gaps.map((g) => (
                    <Table.Tr key={`${g.locale} ${g.query}`}>
                      <Cell label={t("knowledgeBase.insights.query")} lang={g.locale} style={{ overflowWrap: "anywhere" }}>
                        {g.query}
                      </Cell>
                      <Cell label={t("knowledgeBase.language")}>{LOCALE_NAMES[g.locale]}</Cell>
                      <Cell label={t("knowledgeBase.insights.searches")}>{g.count}</Cell>
                      <Cell label={t("knowledgeBase.insights.lastAt")}>{dateTime(g.lastAt)}</Cell>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </CardTable>
            )}
          </>
        )}
      </Stack>
    </KnowledgeBaseFrame>
  );
}
