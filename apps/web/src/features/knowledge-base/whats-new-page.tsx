import { Anchor, Badge, Group, Paper, Stack, Text, Title, VisuallyHidden } from "@mantine/core";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { WhatsNewItemDto } from "@atende/shared";
import { LoadError } from "../../components/load-error.js";
import { dateTime, relativeTime } from "../../format.js";
import { KnowledgeBaseFrame } from "./kb-frame.js";
import { useSeenWhatsNew, useWhatsNew } from "./queries.js";
import { Loading } from "../../components/loading.js";

function WhatsNewItem({ item }: { item: WhatsNewItemDto }) {
  const { t } = useTranslation();
  return (
    <Paper
      withBorder
      p="sm"
      component="li"
      style={{ listStyle: "none", borderLeft: item.unread ? "4px solid var(--mantine-color-blue-filled)" : undefined }}
    >
      <Stack gap={4}>
        <Group justify="space-between" gap="xs" align="flex-start">
          <Anchor component={Link} to={`/knowledge-base/articles/${item.id}`} fw={item.unread ? 700 : 500} lang={item.locale} style={{ overflowWrap: "anywhere" }}>
            {item.title}
            {item.unread && <VisuallyHidden> ({t("knowledgeBase.whatsNew.unreadMark")})</VisuallyHidden>}
          </Anchor>
          <Badge size="sm" variant={item.kind === "new" ? "filled" : "light"} color={item.kind === "new" ? "teal.9" : "blue"}>
            {t(`knowledgeBase.whatsNew.kinds.${item.kind}`)}
          </Badge>
        </Group>
        {item.snippet && (
          <Text size="sm" c="dimmed" lineClamp={2} lang={item.locale}>
            {item.snippet}
          </Text>
        )}
        <Text size="xs" c="dimmed" title={dateTime(item.at)}>
          {item.updatedBy ? t("knowledgeBase.updatedBy", { when: relativeTime(item.at), name: item.updatedBy.name }) : t("knowledgeBase.updated", { when: relativeTime(item.at) })}
        </Text>
      </Stack>
    </Paper>
  );
}

/**
 * What's new for the team: internal articles published or changed lately, those since the agent
 * last looked marked. Looking counts as having seen them (the header's number goes), while this
 * page keeps them marked until it is left.
 */
export function WhatsNewPage() {
  const { t } = useTranslation();
  const list = useWhatsNew();
  const seen = useSeenWhatsNew();
  const marked = useRef(false);
  const seenMutate = seen.mutate;
  useEffect(() => {
    if (marked.current || !list.isSuccess) return;
    marked.current = true;
    if (list.data.unread > 0 || list.data.seenAt === null) seenMutate();
  }, [list.isSuccess, list.data, seenMutate]);
  const items = list.data?.items ?? [];
  return (
    <KnowledgeBaseFrame>
      <Stack maw={820} gap="md">
        <Stack gap={2}>
          <Title order={1} size="h3">
            {t("knowledgeBase.whatsNew.title")}
          </Title>
          <Text size="sm" c="dimmed">
            {t("knowledgeBase.whatsNew.intro")}
          </Text>
        </Stack>
        {list.isError && <LoadError error={list.error} onRetry={() => void list.refetch()} />}
        {list.isPending && <Loading />}
        {list.isSuccess && (
          <Text size="sm" role="status">
            {list.data.unread > 0 ? t("knowledgeBase.whatsNew.unread", { count: list.data.unread }) : t("knowledgeBase.whatsNew.allRead")}
          </Text>
        )}
        <Stack component="ul" gap="xs" p={0} m={0} aria-label={t("knowledgeBase.whatsNew.title")}>
          {items.map((item) => (
            <WhatsNewItem key={item.id} item={item} />
          ))}
        </Stack>
        {list.isSuccess && items.length === 0 && <Text c="dimmed">{t("knowledgeBase.whatsNew.none")}</Text>}
      </Stack>
    </KnowledgeBaseFrame>
  );
}
