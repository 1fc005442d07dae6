import { ActionIcon, Button, CloseButton, Group, Menu, Select, Stack, Text } from "@mantine/core";
import { IconDots } from "@tabler/icons-react";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { BulkConversationsResult, type ConversationAction, type ConversationDto } from "@atende/shared";
import { useActiveAgentOptions, useTags } from "./conversation-actions.js";
import { api } from "../../api/client.js";
import { useSignedIn } from "../auth/use-session.js";
import { conversationKeys } from "./queries.js";
import { snoozePresets } from "./snooze.js";
import { showError } from "../../api/errors.js";

/** What to do with the selected conversations at once: assign (to me or a teammate), tag, snooze until tomorrow, resolve. */
export function BulkBar({ selected, onDone }: { selected: ConversationDto[]; onDone: () => void }) {
  const { t } = useTranslation();
  const me = useSignedIn().agent;
  const client = useQueryClient();
  const agents = useActiveAgentOptions();
  const tags = useTags();
  const apply = useMutation({
    /** One request: the server runs the actions on each conversation, and says which it could not change and why. */
    mutationFn: async (actions: ConversationAction[]) => {
      const { results } = await api(BulkConversationsResult, "/conversations/bulk", { method: "POST", body: { ids: selected.map((c) => c.id), actions } });
      const failed = results.filter((r) => !r.ok);
      // Said in the agent's language: how many could not be changed, and why (the server's codes).
      if (failed.length > 0) {
        const reasons = [...new Set(failed.map((r) => t(`errors.${r.error?.code ?? "INTERNAL"}`)))];
        throw new Error(t("actions.bulkFailed", { count: failed.length, reasons: reasons.join(" ") }));
      }
      return results.length;
    },
    onSuccess: (count) => {
      notifications.show({ color: "green", message: t("actions.bulkDone", { count }) });
      onDone();
    },
    onError: showError,
    onSettled: () => client.invalidateQueries({ queryKey: conversationKeys.all }),
  });
  const snooze = () => { apply.mutate([{ type: "snooze", until: snoozePresets().tomorrow.toISOString() }]); };
  return (
    <Stack gap={6} p="xs" style={{ borderBottom: "1px solid var(--mantine-color-default-border)" }} role="toolbar" aria-label={t("list.selected", { count: selected.length })}>
      <Group gap="xs" justify="space-between" wrap="nowrap">
        <Text size="sm" fw={600}>
          {t("list.selected", { count: selected.length })}
        </Text>
        <Group gap={6} wrap="nowrap">
          <Button size="compact-sm" color="teal.9" loading={apply.isPending} onClick={() => { apply.mutate([{ type: "set_status", status: "resolved" }]); }}>
            {t("actions.bulkResolve")}
          </Button>
          <CloseButton size="sm" aria-label={t("list.clearSelection")} onClick={onDone} />
        </Group>
      </Group>
      <Group gap={6} wrap="nowrap">
        <Select
          size="xs"
          style={{ flex: 1, minWidth: 0 }}
          aria-label={t("actions.bulkAssign")}
          placeholder={t("actions.bulkAssign")}
          data={agents}
          value={null}
          onChange={(id) => {
            if (id) apply.mutate([{ type: "assign", agentId: id }]);
          }}
        />
        <Select
          size="xs"
          style={{ flex: 1, minWidth: 0 }}
          aria-label={t("actions.bulkTag")}
          placeholder={t("actions.bulkTag")}
          searchable
          data={(tags.data ?? []).map((tag) => tag.name)}
          value={null}
          onChange={(tag) => {
            if (tag) apply.mutate([{ type: "add_tags", tags: [tag] }]);
          }}
        />
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <ActionIcon variant="default" size="md" aria-label={t("actions.more")} loading={apply.isPending}>
              <IconDots size={16} aria-hidden />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item onClick={() => { apply.mutate([{ type: "assign", agentId: me.id }]); }}>{t("actions.assignToMe")}</Menu.Item>
            <Menu.Item onClick={snooze}>{t("actions.bulkSnooze")}</Menu.Item>
          </Menu.Dropdown>
        </Menu>
      </Group>
    </Stack>
  );
}
