import { Button, Group, Select, Text } from "@mantine/core";
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
      if (failed.length > 0) throw new Error(failed.map((r) => r.error?.detail ?? r.id).join("; "));
      return results.length;
    },
    onSuccess: (count) => {
      notifications.show({ color: "green", message: t("actions.bulkDone", { count }) });
      onDone();
    },
    onError: showError,
    onSettled: () => client.invalidateQueries({ queryKey: conversationKeys.all }),
  });
  return (
    <Group gap="xs" p="xs" style={{ borderBottom: "1px solid var(--mantine-color-default-border)" }} role="toolbar" aria-label={t("list.selected", { count: selected.length })}>
      <Text size="sm" fw={600}>
        {t("list.selected", { count: selected.length })}
      </Text>
      <Select
        size="xs"
        w={150}
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
        w={140}
        aria-label={t("actions.bulkTag")}
        placeholder={t("actions.bulkTag")}
        searchable
        data={(tags.data ?? []).map((tag) => tag.name)}
        value={null}
        onChange={(tag) => {
          if (tag) apply.mutate([{ type: "add_tags", tags: [tag] }]);
        }}
      />
      <Button size="compact-xs" variant="default" loading={apply.isPending} onClick={() => { apply.mutate([{ type: "assign", agentId: me.id }]); }}>
        {t("actions.assignToMe")}
      </Button>
      <Button size="compact-xs" variant="default" loading={apply.isPending} onClick={() => { apply.mutate([{ type: "snooze", until: snoozePresets().tomorrow.toISOString() }]); }}>
        {t("actions.bulkSnooze")}
      </Button>
      <Button size="compact-xs" color="teal.9" loading={apply.isPending} onClick={() => { apply.mutate([{ type: "set_status", status: "resolved" }]); }}>
        {t("actions.bulkResolve")}
      </Button>
      <Button size="compact-xs" variant="subtle" onClick={onDone}>
        {t("list.clearSelection")}
      </Button>
    </Group>
  );
}
