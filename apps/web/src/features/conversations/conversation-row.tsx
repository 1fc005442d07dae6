import { Badge, Checkbox, Group, Text } from "@mantine/core";
import { IconApi, IconMail, IconMessageCircle } from "@tabler/icons-react";
import { memo } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { ChannelKind, ConversationDto } from "@atende/shared";
import { shortDuration } from "../../format.js";
import classes from "./conversation-row.module.css";
import { contactName } from "../contacts/contact-name.js";

const CHANNEL_ICONS: Record<ChannelKind, typeof IconMail> = { email: IconMail, chat: IconMessageCircle, api: IconApi };
const PRIORITY_COLORS = { low: "gray", normal: "blue", high: "orange", urgent: "red" } as const;

type Props = {
  conversation: ConversationDto;
  href: string;
  active: boolean;
  selected: boolean;
  onSelect: (id: string, selected: boolean) => void;
  /** The row is about to be opened (hovered or focused): its timeline can load now. */
  onIntent: (id: string) => void;
};

/**
 * One conversation in the list: who, what, where from, who has it, and how long the customer has
 * waited. Memoized: scrolling re-renders only the rows that come into view.
 */
export const ConversationRow = memo(function ConversationRow({ conversation: c, href, active, selected, onSelect, onIntent }: Props) {
  const { t } = useTranslation();
  const Channel = CHANNEL_ICONS[c.channel];
  const who = contactName(c.contact, t);
  return (
    <div className={classes.row} data-active={active || undefined}>
      <Checkbox
        size="xs"
        mt={4}
        checked={selected}
        onChange={(e) => {
          onSelect(c.id, e.currentTarget.checked);
        }}
        aria-label={t("list.select", { name: who })}
      />
      <Link
        to={href}
        className={classes.link}
        aria-current={active ? "page" : undefined}
        onMouseEnter={() => {
          onIntent(c.id);
        }}
        onFocus={() => {
          onIntent(c.id);
        }}
      >
        <Group gap={6} wrap="nowrap" justify="space-between">
          <Group gap={6} wrap="nowrap" miw={0}>
            {/* A plain title: a tooltip component on every row costs the list's first render a placement each. */}
            <span title={t(`channels.${c.channel}`)} className={classes.icon}>
              <Channel size={16} aria-label={t(`channels.${c.channel}`)} />
            </span>
            <Text fw={600} size="sm" truncate>
              {who}
            </Text>
          </Group>
          {c.waitingSince && (
            <Text size="xs" className={classes.waiting} title={t("list.waiting", { time: shortDuration(c.waitingSince) })}>
              {shortDuration(c.waitingSince)}
            </Text>
          )}
        </Group>
        <Text size="sm" c="dimmed" lineClamp={1}>
          {c.subject ? `${c.subject} — ` : ""}
          {c.lastMessage?.preview ?? t("list.noMessage")}
        </Text>
        {/* The number and assignee give way first; a long tag is cut with its whole name on hover, never the priority. */}
        <Group gap={4} mt={4} wrap="nowrap" className={classes.meta} style={{ overflow: "hidden" }}>
          <Text size="xs" c="dimmed" truncate style={{ flexShrink: 1, minWidth: 48 }}>
            #{c.number} · {c.assignee?.name ?? t("list.unassigned")}
          </Text>
          {c.priority !== "normal" && (
            <Badge size="xs" variant="light" color={PRIORITY_COLORS[c.priority]} style={{ flexShrink: 0 }}>
              {t(`priorities.${c.priority}`)}
            </Badge>
          )}
          {c.tags.slice(0, 3).map((tag) => (
            <Badge key={tag} size="xs" variant="outline" color="gray" tt="none" maw={120} title={tag} style={{ flexShrink: 0 }}>
              {tag}
            </Badge>
          ))}
        </Group>
      </Link>
    </div>
  );
});
