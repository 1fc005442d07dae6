import { Anchor, Group, Paper, SegmentedControl, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { KnowledgeBaseInsightsDto } from "@atende/shared";
import { api } from "../../api/client.js";
import { CardTable } from "../../components/card-table.js";
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
              <CardTable
                minWidth={520}
                striped
                rows={data.topArticles}
                rowKey={(a) => a.id}
                columns={[
                  {
                    name: t("knowledgeBase.insights.article"),
                    value: (a) => (
                      <>
                        <Anchor component={Link} to={`/knowledge-base/articles/${a.id}`} size="sm" lang={a.locale}>
                          {a.title}
                        </Anchor>{" "}
                        <Text span size="xs" c="dimmed" title={LOCALE_NAMES[a.locale]}>
                          {localeCode(a.locale)}
                        </Text>
                      </>
                    ),
                  },
                  { name: t("knowledgeBase.insights.views"), value: (a) => a.stats.views },
                  { name: t("knowledgeBase.insights.helpful"), value: (a) => a.stats.helpful },
                  { name: t("knowledgeBase.insights.notHelpful"), value: (a) => a.stats.notHelpful },
                  { name: t("knowledgeBase.insights.selfService"), value: (a) => a.stats.selfService },
                ]}
              />
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
              <CardTable
                minWidth={420}
                striped
                rows={data.gaps}
                rowKey={(g) => `${g.locale} ${g.query}`}
                columns={[
                  { name: t("knowledgeBase.insights.query"), value: (g) => <span style={{ overflowWrap: "anywhere" }}>{g.query}</span>, lang: (g) => g.locale },
                  { name: t("knowledgeBase.language"), value: (g) => LOCALE_NAMES[g.locale] },
                  { name: t("knowledgeBase.insights.searches"), value: (g) => g.count },
                  { name: t("knowledgeBase.insights.lastAt"), value: (g) => dateTime(g.lastAt) },
                ]}
              />
            )}
          </>
        )}
      </Stack>
    </KnowledgeBaseFrame>
  );
}
