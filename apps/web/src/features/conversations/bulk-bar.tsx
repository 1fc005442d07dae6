import { Button, Group, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { ConversationDto, type UpdateConversationBody } from "@atende/shared";
import { api } from "../../api/client.js";
import { useSignedIn } from "../auth/use-session.js";
import { conversationKeys } from "./queries.js";
import { snoozePresets } from "./snooze.js";

/** What to do with the selected conversations at once: assign to me, snooze until tomorrow, resolve. */
export function BulkBar({ selected, onDone }: { selected: Set<string>; onDone: () => void }) {
  const { t } = useTranslation();
  const me = useSignedIn().agent;
  const client = useQueryClient();
  const apply = useMutation({
    mutationFn: async (changes: UpdateConversationBody) => {
      const results = await Promise.allSettled(
        [...selected].map((id) => api(ConversationDto, `/conversations/${id}`, { method: "PATCH", body: changes })),
      );
      const failed = results.filter((r) => r.status === "rejected");
      if (failed.length > 0) throw new Error(failed.map((r) => String(r.reason)).join("; "));
      return results.length;
    },
    onSuccess: (count) => {
      notifications.show({ color: "green", message: t("actions.bulkDone", { count }) });
      onDone();
    },
    onError: (error) => notifications.show({ color: "red", message: error.message }),
    onSettled: () => client.invalidateQueries({ queryKey: conversationKeys.all }),
  });
  return (
    <Group gap="xs" p="xs" style={{ borderBottom: "1px solid var(--mantine-color-default-border)" }} role="toolbar" aria-label={t("list.selected", { count: selected.size })}>
      <Text size="sm" fw={600}>
        {t("list.selected", { count: selected.size })}
      </Text>
      <Button size="compact-xs" variant="default" loading={apply.isPending} onClick={() => { apply.mutate({ assigneeId: me.id }); }}>
        {t("actions.assignToMe")}
      </Button>
      <Button size="compact-xs" variant="default" loading={apply.isPending} onClick={() => { apply.mutate({ status: "snoozed", snoozedUntil: snoozePresets().tomorrow.toISOString() }); }}>
        {t("actions.bulkSnooze")}
      </Button>
      <Button size="compact-xs" color="green" loading={apply.isPending} onClick={() => { apply.mutate({ status: "resolved" }); }}>
        {t("actions.bulkResolve")}
      </Button>
      <Button size="compact-xs" variant="subtle" onClick={onDone}>
        {t("list.clearSelection")}
      </Button>
    </Group>
  );
}
