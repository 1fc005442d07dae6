import { Button, Group, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import type { ConversationDto, UpdateConversationBody } from "@atende/shared";
import { showError } from "../../api/errors.js";
import { useUpdateConversation } from "./queries.js";

/**
 * A change made with one key: done at once, then said in a notice with Undo, which puts back what
 * the change replaced (the status with its snooze, the assignee).
 */
export function useUndoableChange() {
  const { t } = useTranslation();
  const update = useUpdateConversation();
  return (conversation: ConversationDto, changes: UpdateConversationBody, said: string) => {
    const before: UpdateConversationBody = {
      ...(changes.status !== undefined ? { status: conversation.status, snoozedUntil: conversation.snoozedUntil } : {}),
      ...(changes.assigneeId !== undefined ? { assigneeId: conversation.assignee?.id ?? null } : {}),
    };
    void update.mutateAsync({ id: conversation.id, changes }).then(() => {
      const id = notifications.show({
        autoClose: 8000,
        message: (
          <Group justify="space-between" wrap="nowrap" gap="sm">
            <Text size="sm">{said}</Text>
            <Button
              size="compact-sm"
              variant="light"
              style={{ flexShrink: 0 }} // the words wrap on a phone, the way back never does
              onClick={() => {
                notifications.hide(id);
                update.mutateAsync({ id: conversation.id, changes: before }).catch(showError);
              }}
            >
              {t("app.undo")}
            </Button>
          </Group>
        ),
      });
    }, showError);
  };
}
