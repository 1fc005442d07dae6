import { Badge, Button, Center, Code, Collapse, Drawer, Group, List, Paper, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ArticleDto, ArticleRevisionDto } from "@atende/shared";
import { showError } from "../../api/errors.js";
import { useConfirmation } from "../../components/confirm-dialog.js";
import { LoadError } from "../../components/load-error.js";
import { dateTime } from "../../format.js";
import { currentLocale } from "../../i18n.js";
import { useLayout } from "../../components/layout.js";
import { categoryName, useCategories, useRestoreRevision, useRevisions } from "./queries.js";
import { Loading } from "../../components/loading.js";

/** What a save changed, in words: one line per field. */
function useChangeLines(): (r: ArticleRevisionDto) => string[] {
  const { t } = useTranslation();
  const categories = useCategories();
  const locale = currentLocale();
  const category = (id: string | null) => {
    if (id === null) return t("knowledgeBase.noCategory");
    const found = categories.data?.items.find((c) => c.id === id);
    return found ? categoryName(found, locale) : "—";
  };
  return ({ changes }) => [
    ...(changes.title ? [t("knowledgeBase.revisions.changes.title", { from: changes.title.from, to: changes.title.to })] : []),
    ...(changes.status
      ? [t("knowledgeBase.revisions.changes.status", { from: t(`knowledgeBase.statuses.${changes.status.from}`), to: t(`knowledgeBase.statuses.${changes.status.to}`) })]
      : []),
    ...(changes.visibility
      ? [t("knowledgeBase.revisions.changes.visibility", { from: t(`knowledgeBase.visibilities.${changes.visibility.from}`), to: t(`knowledgeBase.visibilities.${changes.visibility.to}`) })]
      : []),
    ...(changes.categoryId ? [t("knowledgeBase.revisions.changes.category", { from: category(changes.categoryId.from), to: category(changes.categoryId.to) })] : []),
    ...(changes.slug ? [t("knowledgeBase.revisions.changes.slug", { from: changes.slug.from, to: changes.slug.to })] : []),
    ...(changes.body ? [t("knowledgeBase.revisions.changes.body", { from: changes.body.fromLength, to: changes.body.toLength })] : []),
    ...(changes.questions ? [t("knowledgeBase.revisions.changes.questions", { from: changes.questions.from.length, to: changes.questions.to.length })] : []),
  ];
}

function RevisionItem({ revision, latest, editable, onRestore }: { revision: ArticleRevisionDto; latest: boolean; editable: boolean; onRestore: () => void }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState(false);
  const lines = useChangeLines()(revision);
  return (
    <Paper withBorder p="sm" component="li" style={{ listStyle: "none" }}>
      <Stack gap={4}>
        <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
          <Stack gap={0} miw={0}>
            <Text size="sm" fw={600}>
              {dateTime(revision.createdAt)}
            </Text>
            <Text size="xs" c="dimmed">
              {revision.by?.name ?? t("knowledgeBase.revisions.system")}
            </Text>
          </Stack>
          <Group gap={4} wrap="nowrap">
            {latest && (
              <Badge size="sm" variant="filled" color="teal.9">
                {t("knowledgeBase.revisions.current")}
              </Badge>
            )}
            <Badge size="sm" variant="light" color="gray">
              {t(`knowledgeBase.revisions.kinds.${revision.kind}`)}
            </Badge>
          </Group>
        </Group>
        {lines.map((line) => (
          <Text key={line} size="xs" style={{ overflowWrap: "anywhere" }}>
            {line}
          </Text>
        ))}
        <Group gap="xs">
          <Button size="compact-xs" variant="subtle" onClick={() => { setShown((s) => !s); }} aria-expanded={shown}>
            {shown ? t("knowledgeBase.revisions.hideText") : t("knowledgeBase.revisions.showText")}
          </Button>
          {editable && !latest && (
            <Button size="compact-xs" variant="light" onClick={onRestore}>
              {t("knowledgeBase.revisions.restore")}
            </Button>
          )}
        </Group>
        <Collapse expanded={shown}>
          <Text size="sm" fw={600}>
            {revision.snapshot.title}
          </Text>
          <Code block style={{ whiteSpace: "pre-wrap", maxHeight: 320, overflowY: "auto" }}>
            {revision.snapshot.body || " "}
          </Code>
          {revision.snapshot.questions.length > 0 && (
            <>
              <Text size="sm" fw={600} mt="xs">
                {t("knowledgeBase.questions")}
              </Text>
              <List size="xs" style={{ overflowWrap: "anywhere" }}>
                {revision.snapshot.questions.map((q) => (
                  <List.Item key={q}>{q}</List.Item>
                ))}
              </List>
            </>
          )}
        </Collapse>
      </Stack>
    </Paper>
  );
}

/**
 * A translation's saves, newest first: who, when, what changed, the text as it was; writers bring an
 * older one back (a save of its own, so nothing is lost).
 */
export function RevisionsDrawer({ article, opened, onClose, dirty, onRestored }: { article: ArticleDto; opened: boolean; onClose: () => void; dirty: boolean; onRestored: (a: ArticleDto) => void }) {
  const { t } = useTranslation();
  const { phone } = useLayout();
  const revisions = useRevisions(article.id, opened);
  const restore = useRestoreRevision(article.id);
  const items = revisions.data?.pages.flatMap((p) => p.items) ?? [];
  const confirmation = useConfirmation(
    (r: ArticleRevisionDto) => ({
      title: t("knowledgeBase.revisions.restoreTitle", { when: dateTime(r.createdAt) }),
      message: dirty ? `${t("knowledgeBase.revisions.restoreMessage")} ${t("knowledgeBase.revisions.unsavedLost")}` : t("knowledgeBase.revisions.restoreMessage"),
      confirm: t("knowledgeBase.revisions.restore"),
    }),
    (r) => {
      void restore.mutateAsync(r.id).then((restored) => {
        onRestored(restored);
        notifications.show({ color: "green", message: t("knowledgeBase.revisions.restored", { when: dateTime(r.createdAt) }) });
      }, showError);
    },
  );
  return (
    <Drawer opened={opened} onClose={onClose} position="right" size={phone ? "100%" : "md"} title={t("knowledgeBase.revisions.title")}>
      {revisions.isError && <LoadError error={revisions.error} onRetry={() => void revisions.refetch()} />}
      {revisions.isPending && <Loading />}
      <Stack component="ol" gap="xs" p={0} m={0} aria-label={t("knowledgeBase.revisions.title")}>
        {items.map((r, i) => (
          <RevisionItem key={r.id} revision={r} latest={i === 0} editable={article.editable} onRestore={() => { confirmation.ask(r); }} />
        ))}
      </Stack>
      {revisions.hasNextPage && (
        <Center mt="sm">
          <Button variant="subtle" size="xs" loading={revisions.isFetchingNextPage} onClick={() => void revisions.fetchNextPage()}>
            {t("knowledgeBase.more")}
          </Button>
        </Center>
      )}
      {confirmation.dialog}
    </Drawer>
  );
}
