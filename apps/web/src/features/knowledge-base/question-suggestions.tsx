import { Anchor, Badge, Box, Button, Group, Paper, Stack, Text, Tooltip } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconPlus, IconX } from "@tabler/icons-react";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ARTICLE_QUESTIONS_MAX, type ArticleDto, type ArticleQuestionSuggestionDto } from "@atende/shared";
import { ApiError } from "../../api/client.js";
import { showError } from "../../api/errors.js";
import { LoadError } from "../../components/load-error.js";
import { dateTime, relativeTime } from "../../format.js";
import { useAcceptQuestionSuggestion, useDismissQuestionSuggestion, useQuestionSuggestions } from "./queries.js";

/** An accept refused: the questions are full (in the questions' own words), else as any other error. */
function showAcceptError(error: unknown, tooMany: string): void {
  if (error instanceof ApiError && error.fields.some((f) => f.path === "questions" && f.code === "too_many")) notifications.show({ color: "red", message: tooMany });
  else showError(error);
}

type ItemProps = {
  suggestion: ArticleQuestionSuggestionDto;
  /** The form has unsaved changes: adding (which saves) waits for them to be saved. */
  dirty: boolean;
  hintId: string;
  adding: boolean;
  dismissing: boolean;
  busy: boolean;
  onAdd: () => void;
  onDismiss: () => void;
};

function SuggestionItem({ suggestion: s, dirty, hintId, adding, dismissing, busy, onAdd, onDismiss }: ItemProps) {
  const { t } = useTranslation();
  return (
    <Box component="li" py="xs" style={{ listStyle: "none", borderTop: "1px solid var(--mantine-color-default-border)" }}>
      <Group justify="space-between" align="center" gap="xs" wrap="wrap">
        <Stack gap={2} miw={0} style={{ flex: "1 1 16rem" }}>
          <Text size="sm" style={{ overflowWrap: "anywhere" }}>
            {s.question}
          </Text>
          <Text size="xs" c="dimmed">
            {t(`knowledgeBase.asked.sources.${s.source}`)}
            {" · "}
            <time dateTime={s.createdAt} title={dateTime(s.createdAt)}>
              {relativeTime(s.createdAt)}
            </time>
            {s.conversationId !== null && (
              <>
                {" · "}
                <Anchor component={Link} to={`/conversations/${s.conversationId}`} size="xs" underline="always">
                  {t("knowledgeBase.asked.conversation")}
                </Anchor>
              </>
            )}
          </Text>
        </Stack>
        <Group gap="xs" wrap="nowrap">
          {/* Left focusable while the form has changes, so that its tooltip says why it waits. */}
          <Tooltip label={t("knowledgeBase.asked.saveFirst")} disabled={!dirty}>
            <Button
              size="compact-sm"
              variant="light"
              leftSection={<IconPlus size={14} aria-hidden />}
              loading={adding}
              disabled={!dirty && busy && !adding}
              data-disabled={dirty || undefined}
              aria-disabled={dirty || undefined}
              aria-describedby={dirty ? hintId : undefined}
              onClick={(e) => {
                if (dirty) {
                  e.preventDefault();
                  return;
                }
                onAdd();
              }}
            >
              {t("knowledgeBase.asked.add")}
            </Button>
          </Tooltip>
          <Button size="compact-sm" variant="subtle" color="gray" leftSection={<IconX size={14} aria-hidden />} loading={dismissing} onClick={onDismiss}>
            {t("knowledgeBase.asked.dismiss")}
          </Button>
        </Group>
      </Group>
    </Box>
  );
}

/**
 * The questions customers asked that this translation answered (an agent's reply linked it, or the
 * virtual attendant's answer from it solved the question), for its writers to add to its questions
 * or dismiss. Adding saves at once (a revision): with unsaved changes in the form it waits for them,
 * so nothing typed is lost; `onAccepted` gets the translation as saved.
 */
export function QuestionSuggestions({ article, dirty, onAccepted }: { article: ArticleDto; dirty: boolean; onAccepted: (saved: ArticleDto) => void }) {
  const { t } = useTranslation();
  const headingId = useId();
  const hintId = useId();
  const suggestions = useQuestionSuggestions(article.id);
  const accept = useAcceptQuestionSuggestion(article.id);
  const dismiss = useDismissQuestionSuggestion(article.id);
  if (suggestions.isError) return <LoadError error={suggestions.error} onRetry={() => void suggestions.refetch()} />;
  const items = suggestions.data?.items ?? [];
  if (items.length === 0) return null;
  const add = (s: ArticleQuestionSuggestionDto) => {
    void accept.mutateAsync(s.id).then(
      (saved) => {
        onAccepted(saved);
        notifications.show({ color: "green", message: t("knowledgeBase.asked.added") });
      },
      (error: unknown) => { showAcceptError(error, t("knowledgeBase.questionsTooMany", { maximum: ARTICLE_QUESTIONS_MAX })); },
    );
  };
  return (
    <Paper component="section" withBorder p="sm" aria-labelledby={headingId}>
      <Group gap="xs" wrap="nowrap">
        <Text component="h2" id={headingId} size="sm" fw={600}>
          {t("knowledgeBase.asked.title")}
        </Text>
        <Badge size="sm" variant="light" color="gray" aria-hidden>
          {items.length}
        </Badge>
      </Group>
      <Text size="xs" c="dimmed">
        {t("knowledgeBase.asked.help")}
      </Text>
      {dirty && (
        <Text id={hintId} size="xs" mt={4}>
          {t("knowledgeBase.asked.saveFirstHint")}
        </Text>
      )}
      <Stack component="ul" gap={0} p={0} mt="xs" mb={0} aria-labelledby={headingId}>
        {items.map((s) => (
          <SuggestionItem
            key={s.id}
            suggestion={s}
            dirty={dirty}
            hintId={hintId}
            adding={accept.isPending && accept.variables === s.id}
            dismissing={dismiss.isPending && dismiss.variables === s.id}
            busy={accept.isPending}
            onAdd={() => { add(s); }}
            onDismiss={() => { void dismiss.mutateAsync(s.id).catch(showError); }}
          />
        ))}
      </Stack>
    </Paper>
  );
}
