import { Badge, Group, Indicator, NavLink, Select, Stack, Text } from "@mantine/core";
import { useSyncExternalStore } from "react";
import { IconCheck, IconClock, IconHourglass, IconInbox, IconUser, IconUserQuestion } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { CONVERSATION_VIEWS, PRIORITIES, type ConversationView } from "@atende/shared";
import { useInboxes, useTags, useTeams } from "./conversation-actions.js";
import type { InboxParams } from "./inbox-params.js";
import { useConversationCounts } from "./queries.js";
import { NewEmailButton } from "./new-email-button.js";
import { SavedViewsNav } from "./saved-views-nav.js";
import { unreadStore } from "../../realtime/unread.js";

const VIEW_ICONS: Record<ConversationView, typeof IconInbox> = {
  mine: IconUser,
  unassigned: IconUserQuestion,
  all: IconInbox,
  pending: IconHourglass,
  snoozed: IconClock,
  resolved: IconCheck,
};

/** The views with their counts, the saved views, and the filters that narrow them. */
export function InboxNav({ inbox }: { inbox: InboxParams }) {
  const { t } = useTranslation();
  const counts = useConversationCounts(inbox.filters);
  const inboxes = useInboxes();
  const tags = useTags();
  const teams = useTeams();
  const any = t("filters.any");
  const unread = useSyncExternalStore(unreadStore.subscribe, unreadStore.snapshot).length;
  return (
    <Stack gap="md" component="nav" aria-label={t("views.title")}>
      <NewEmailButton />
      <div>
        {(Object.keys(CONVERSATION_VIEWS) as ConversationView[]).map((view) => {
          const Icon = VIEW_ICONS[view];
          return (
            <NavLink
              key={view}
              component={Link}
              to={inbox.viewLink(view)}
              active={inbox.view === view}
              aria-current={inbox.view === view ? "page" : undefined}
              label={
                view === "mine" && unread > 0 ? (
                  <Group gap={6} wrap="nowrap">
                    {t("views.mine")}
                    <Indicator color="red" size={8} processing aria-hidden />
                    <Text span size="xs" c="red" fw={700}>
                      {t("notifications.unread", { count: unread })}
                    </Text>
                  </Group>
                ) : (
                  t(`views.${view}`)
                )
              }
              leftSection={<Icon size={16} aria-hidden />}
              rightSection={
                counts.data ? (
                  <Badge size="sm" variant={inbox.view === view ? "filled" : "light"} circle={counts.data[view] < 10} aria-label={String(counts.data[view])}>
                    {counts.data[view]}
                  </Badge>
                ) : null
              }
            />
          );
        })}
      </div>
      <SavedViewsNav inbox={inbox} />
      <Stack gap="xs" px="xs">
        <Text size="xs" fw={700} c="dimmed" tt="uppercase">
          {t("filters.title")}
        </Text>
        <Select
          size="xs"
          label={t("filters.inbox")}
          placeholder={any}
          clearable
          data={(inboxes.data ?? []).map((i) => ({ value: i.id, label: i.name }))}
          value={inbox.filters.inboxId ?? null}
          onChange={(v) => {
            inbox.set({ inbox: v });
          }}
        />
        <Select
          size="xs"
          label={t("filters.team")}
          placeholder={any}
          clearable
          data={(teams.data ?? []).map((team) => ({ value: team.id, label: team.name }))}
          value={inbox.filters.teamId ?? null}
          onChange={(v) => {
            inbox.set({ team: v });
          }}
        />
        <Select
          size="xs"
          label={t("filters.tag")}
          placeholder={any}
          clearable
          searchable
          data={(tags.data ?? []).map((tag) => tag.name)}
          value={inbox.filters.tag ?? null}
          onChange={(v) => {
            inbox.set({ tag: v });
          }}
        />
        <Select
          size="xs"
          label={t("filters.priority")}
          placeholder={any}
          clearable
          data={PRIORITIES.map((p) => ({ value: p, label: t(`priorities.${p}`) }))}
          value={inbox.filters.priority ?? null}
          onChange={(v) => {
            inbox.set({ priority: v });
          }}
        />
      </Stack>
    </Stack>
  );
}
