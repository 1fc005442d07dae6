import { ActionIcon, Button, Group, Indicator, Popover, ScrollArea, Stack, Text, Tooltip, UnstyledButton, VisuallyHidden } from "@mantine/core";
import { IconAt, IconBell, IconMessage, IconUserCheck } from "@tabler/icons-react";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useMatch, useNavigate } from "react-router";
import type { NotificationDto } from "@atende/shared";
import { describeError } from "../../api/errors.js";
import { relativeTime } from "../../format.js";
import { useRealtime } from "../../realtime/realtime-context.js";
import { useSignedIn } from "../auth/use-session.js";
import { notificationKeys, useNotifications, useReadNotifications } from "./queries.js";

const ICONS = { mention: IconAt, assigned: IconUserCheck, message: IconMessage } as const;

/** One notification: what happened, in which conversation, when; unread ones stand out. */
function NotificationItem({ n, onOpen }: { n: NotificationDto; onOpen: () => void }) {
  const { t } = useTranslation();
  const Icon = ICONS[n.kind];
  const unread = n.readAt === null;
  return (
    <UnstyledButton onClick={onOpen} p="xs" w="100%" style={{ borderRadius: 6, background: unread ? "var(--mantine-color-blue-light)" : undefined }} aria-current={unread ? "true" : undefined}>
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <Icon size={18} aria-hidden style={{ flexShrink: 0, marginTop: 2 }} />
        <Stack gap={2} miw={0}>
          <Text size="sm" fw={unread ? 700 : 400}>
            {t(`notifications.kinds.${n.kind}`, { name: n.actorName, number: n.conversation.number })}
            {unread && <VisuallyHidden> ({t("notifications.unreadMark")})</VisuallyHidden>}
          </Text>
          {n.preview && (
            <Text size="xs" c="dimmed" lineClamp={2}>
              {n.preview}
            </Text>
          )}
          <Text size="xs" c="dimmed">
            {relativeTime(n.createdAt)}
          </Text>
        </Stack>
      </Group>
    </UnstyledButton>
  );
}

/**
 * The bell in the header: the agent's mentions, assignments and customers' new messages, unread
 * first in weight, kept on the server and updated live. Opening one goes to its conversation and
 * marks it read, as does opening the conversation any other way.
 */
export function NotificationsMenu() {
  const { t } = useTranslation();
  const me = useSignedIn().agent.id;
  const [opened, setOpened] = useState(false);
  const list = useNotifications();
  const read = useReadNotifications();
  const realtime = useRealtime();
  const client = useQueryClient();
  const navigate = useNavigate();
  const viewing = useMatch("/conversations/:id")?.params.id;
  useEffect(
    () =>
      realtime.onEvent((event) => {
        if (event.type === "notification.created" && event.payload.agentId === me) void client.invalidateQueries({ queryKey: notificationKeys.all });
      }),
    [realtime, client, me],
  );
  const items = list.data?.items ?? [];
  const unread = list.data?.unread ?? 0;
  const readMutate = read.mutate;
  const unreadHere = viewing !== undefined && items.some((n) => n.readAt === null && n.conversation.id === viewing);
  useEffect(() => {
    if (viewing && unreadHere) readMutate({ conversationId: viewing });
  }, [viewing, unreadHere, readMutate]);
  const label = unread > 0 ? `${t("notifications.title")} (${t("notifications.unread", { count: unread })})` : t("notifications.title");
  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" width={360} shadow="md" withinPortal>
      <Popover.Target>
        <Tooltip label={label} disabled={opened}>
          <Indicator label={unread > 99 ? "99+" : unread} size={16} disabled={unread === 0} offset={4} color="red">
            <ActionIcon variant="default" size="lg" aria-label={label} aria-expanded={opened} onClick={() => { setOpened((o) => !o); }}>
              <IconBell size={18} aria-hidden />
            </ActionIcon>
          </Indicator>
        </Tooltip>
      </Popover.Target>
      <Popover.Dropdown p="xs" maw="calc(100vw - 16px)" role="dialog" aria-label={t("notifications.title")}>
        <Group justify="space-between" mb={6} px={4}>
          <Text fw={700} size="sm">
            {t("notifications.title")}
          </Text>
          <Button size="compact-xs" variant="subtle" disabled={unread === 0} onClick={() => { readMutate({ all: true }); }}>
            {t("notifications.readAll")}
          </Button>
        </Group>
        <ScrollArea.Autosize mah="min(480px, 70vh)" type="auto">
          {items.length === 0 ? (
            <Text size="sm" c="dimmed" p="xs">
              {list.isError ? describeError(list.error) : t("notifications.none")}
            </Text>
          ) : (
            <Stack gap={4} role="list" aria-label={t("notifications.title")}>
              {items.map((n) => (
                <div role="listitem" key={n.id}>
                  <NotificationItem
                    n={n}
                    onOpen={() => {
                      setOpened(false);
                      if (n.readAt === null) readMutate({ ids: [n.id] });
                      void navigate(`/conversations/${n.conversation.id}`);
                    }}
                  />
                </div>
              ))}
            </Stack>
          )}
        </ScrollArea.Autosize>
      </Popover.Dropdown>
    </Popover>
  );
}
