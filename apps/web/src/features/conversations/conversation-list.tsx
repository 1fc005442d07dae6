import { Button, Center, Checkbox, Group, Select, Skeleton, Stack, Text } from "@mantine/core";
import { CONVERSATION_SORTS } from "@atende/shared";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useCallback, useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { LoadError } from "../../components/load-error.js";
import { useSignedIn } from "../auth/use-session.js";
import { ConversationRow } from "./conversation-row.js";
import { useConversationList, usePrefetchMessages } from "./queries.js";
import type { InboxParams } from "./inbox-params.js";

const ROW_HEIGHT = 88;

type Props = {
  inbox: InboxParams;
  activeId: string | undefined;
  selected: Set<string>;
  onSelect: (ids: Set<string>) => void;
};

/** How the list is ordered, kept in the address with the view. */
function SortSelect({ inbox }: { inbox: Props["inbox"] }) {
  const { t } = useTranslation();
  return (
    <Select
      size="xs"
      w={150}
      style={{ flexShrink: 0 }}
      aria-label={t("list.sort")}
      allowDeselect={false}
      data={CONVERSATION_SORTS.map((s) => ({ value: s, label: t(`list.sorts.${s}`) }))}
      value={inbox.sort}
      onChange={(v) => {
        inbox.set({ sort: v === "newest" ? null : v });
      }}
    />
  );
}

/** The view's name and one line on what it holds: a built-in view's meaning, or whose saved view it is. */
function useViewTitle(inbox: InboxParams): { title: string; about: string } {
  const { t } = useTranslation();
  const me = useSignedIn().agent;
  const saved = inbox.savedView?.status === "found" ? inbox.savedView.view : null;
  if (!saved) return { title: t(`views.${inbox.view ?? "all"}`), about: t(`views.about.${inbox.view ?? "all"}`) };
  if (!saved.shared) return { title: saved.name, about: t("savedViews.aboutPersonal") };
  return { title: saved.name, about: saved.owner.id === me.id ? t("savedViews.aboutSharedByYou") : t("savedViews.aboutShared", { name: saved.owner.name }) };
}

/** The view's conversations: only the rows on screen are in the page, so 10,000 scroll as smoothly as 10. */
export function ConversationList({ inbox, activeId, selected, onSelect }: Props) {
  const { t } = useTranslation();
  const list = useConversationList(inbox.query);
  const { title, about } = useViewTitle(inbox);
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 8 });
  const items = virtualizer.getVirtualItems();
  const prefetch = usePrefetchMessages();
  const selectedRef = useRef(selected);
  selectedRef.current = selected;
  const toggle = useCallback(
    (id: string, on: boolean) => {
      const next = new Set(selectedRef.current);
      if (on) next.add(id);
      else next.delete(id);
      onSelect(next);
    },
    [onSelect],
  );
  const lastShown = items.at(-1)?.index ?? 0;
  useEffect(() => {
    if (lastShown >= rows.length - 20 && list.hasNextPage && !list.isFetchingNextPage) void list.fetchNextPage();
  }, [lastShown, rows.length, list]);

  if (inbox.savedView?.status === "failed") return <LoadError error={inbox.savedView.error} onRetry={inbox.savedView.retry} />;
  if (inbox.savedView?.status === "missing") {
    return (
      <Center p="xl">
        <Stack gap="sm" align="center">
          <Text c="dimmed" ta="center">
            {t("savedViews.missing")}
          </Text>
          <Button component={Link} to="/?view=all" variant="light" size="xs">
            {t("savedViews.showAll")}
          </Button>
        </Stack>
      </Center>
    );
  }
  if (list.isPending) {
    return (
      <Stack p="sm" gap="sm" aria-busy="true">
        {Array.from({ length: 8 }, (_, i) => (
          <Skeleton key={i} height={ROW_HEIGHT - 16} radius="sm" />
        ))}
      </Stack>
    );
  }
  if (list.isError) return <LoadError error={list.error} onRetry={() => void list.refetch()} />;
  if (rows.length === 0) {
    return (
      <Center p="xl">
        <Stack gap={4} align="center">
          <Text c="dimmed" ta="center">
            {t("list.empty")}
          </Text>
          <Text size="sm" c="dimmed" ta="center">
            {about}
          </Text>
        </Stack>
      </Center>
    );
  }
  const allSelected = rows.length > 0 && rows.every((r) => selected.has(r.id));
  return (
    <Stack gap={0} h="100%">
      <Group px="sm" py={6} gap="xs" wrap="nowrap">
        <Checkbox
          size="xs"
          aria-label={t("views.all")}
          checked={allSelected}
          indeterminate={!allSelected && selected.size > 0}
          onChange={() => {
            onSelect(allSelected ? new Set() : new Set(rows.map((r) => r.id)));
          }}
        />
        {selected.size > 0 ? (
          <Text size="xs" c="dimmed">
            {t("list.selected", { count: selected.size })}
          </Text>
        ) : (
          // Which view this is and what it holds: its name, then one line on when a conversation is in it.
          <Text size="xs" c="dimmed" lineClamp={1} style={{ flex: 1 }} title={`${title} · ${about}`}>
            <Text span size="xs" fw={700}>
              {title}
            </Text>
            {" · "}
            {about}
          </Text>
        )}
        <SortSelect inbox={inbox} />
      </Group>
      <div ref={scroller} style={{ flex: 1, overflowY: "auto", contain: "strict" }} aria-label={t("list.label")} role="list">
        <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
          {items.map((item) => {
            const conversation = rows[item.index];
            if (!conversation) return null;
            return (
              <div
                key={conversation.id}
                role="listitem"
                aria-setsize={rows.length}
                aria-posinset={item.index + 1}
                style={{ position: "absolute", top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${String(item.start)}px)` }}
              >
                <ConversationRow
                  conversation={conversation}
                  href={`/conversations/${conversation.id}?${inbox.search}`}
                  active={conversation.id === activeId}
                  selected={selected.has(conversation.id)}
                  onSelect={toggle}
                  onIntent={prefetch}
                />
              </div>
            );
          })}
        </div>
      </div>
    </Stack>
  );
}
