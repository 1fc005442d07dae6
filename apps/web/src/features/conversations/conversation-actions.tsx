import { Button, Group, Menu, Modal, Select, Stack, TagsInput, TextInput } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { IconAlarm, IconUserCheck } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { AgentDto, InboxDto, PRIORITIES, TagDto, TeamDto, type ConversationDto, type UpdateConversationBody } from "@atende/shared";
import { api } from "../../api/client.js";
import { dateTime } from "../../format.js";
import { useSignedIn } from "../auth/use-session.js";
import { useUpdateConversation } from "./queries.js";
import { snoozePresets } from "./snooze.js";

export function useAgents() {
  return useQuery({ queryKey: ["agents"], queryFn: () => api(z.array(AgentDto), "/agents"), staleTime: 60_000 });
}
/** The agents who can take conversations now, as choices (value: id, label: name). */
export function useActiveAgentOptions() {
  return (useAgents().data ?? []).filter((a) => a.active).map((a) => ({ value: a.id, label: a.name }));
}
export function useTeams() {
  return useQuery({ queryKey: ["teams"], queryFn: () => api(z.array(TeamDto), "/teams"), staleTime: 60_000 });
}
export function useInboxes() {
  return useQuery({ queryKey: ["inboxes"], queryFn: () => api(z.array(InboxDto), "/inboxes"), staleTime: 60_000 });
}
export function useTags() {
  return useQuery({ queryKey: ["tags"], queryFn: () => api(z.array(TagDto), "/tags"), staleTime: 60_000 });
}

/** Assign (agent, team), priority, tags and snooze: the conversation's actions (resolving is beside its status). */
export function ConversationActions({ conversation: c }: { conversation: ConversationDto }) {
  const { t } = useTranslation();
  const me = useSignedIn().agent;
  const agents = useActiveAgentOptions();
  const teams = useTeams();
  const tags = useTags();
  const update = useUpdateConversation();
  const change = (changes: UpdateConversationBody) => {
    update.mutate({ id: c.id, changes });
  };
  const [pickOpen, setPickOpen] = useState(false);
  const [picked, setPicked] = useState("");
  const presets = snoozePresets();
  const snooze = (until: Date) => {
    change({ status: "snoozed", snoozedUntil: until.toISOString() });
  };
  return (
    <Group gap="xs" wrap="wrap">
      <Select
        size="xs"
        w={170}
        aria-label={t("actions.assignee")}
        placeholder={t("actions.unassign")}
        clearable
        data={agents}
        value={c.assignee?.id ?? null}
        onChange={(id) => {
          change({ assigneeId: id });
        }}
      />
      {c.assignee?.id !== me.id && (
        <Button size="xs" variant="default" leftSection={<IconUserCheck size={14} aria-hidden />} onClick={() => {
          change({ assigneeId: me.id });
        }}>
          {t("actions.assignToMe")}
        </Button>
      )}
      <Select
        size="xs"
        w={150}
        aria-label={t("actions.team")}
        placeholder={t("actions.noTeam")}
        clearable
        data={(teams.data ?? []).map((team) => ({ value: team.id, label: team.name }))}
        value={c.team?.id ?? null}
        onChange={(id) => {
          change({ teamId: id });
        }}
      />
      <Select
        size="xs"
        w={120}
        aria-label={t("actions.priority")}
        data={PRIORITIES.map((p) => ({ value: p, label: t(`priorities.${p}`) }))}
        value={c.priority}
        allowDeselect={false}
        onChange={(p) => {
          const priority = PRIORITIES.find((x) => x === p);
          if (priority) change({ priority });
        }}
      />
      <TagsInput
        size="xs"
        w={220}
        aria-label={t("actions.tags")}
        placeholder={c.tags.length === 0 ? t("actions.addTag") : undefined}
        data={(tags.data ?? []).map((tag) => tag.name)}
        value={c.tags}
        clearable
        onChange={(next) => {
          change({ tags: next.map((tag) => tag.trim().toLowerCase()).filter(Boolean) });
        }}
      />
      <Menu position="bottom-end">
        <Menu.Target>
          <Button size="xs" variant="default" leftSection={<IconAlarm size={14} aria-hidden />}>
            {c.status === "snoozed" && c.snoozedUntil ? t("actions.snoozeUntil", { time: dateTime(c.snoozedUntil) }) : t("actions.snooze")}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item onClick={() => { snooze(presets.laterToday); }}>{t("actions.laterToday")}</Menu.Item>
          <Menu.Item onClick={() => { snooze(presets.tomorrow); }}>{t("actions.tomorrow")}</Menu.Item>
          <Menu.Item onClick={() => { snooze(presets.nextWeek); }}>{t("actions.nextWeek")}</Menu.Item>
          <Menu.Item onClick={() => { setPickOpen(true); }}>{t("actions.pickDate")}</Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <Modal opened={pickOpen} onClose={() => { setPickOpen(false); }} title={t("actions.pickDate")} size="xs">
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (!picked) return;
              snooze(new Date(picked));
              setPickOpen(false);
            }}
          >
            <Stack gap="xs">
              <TextInput type="datetime-local" label={t("actions.pickDate")} value={picked} onChange={(e) => { setPicked(e.currentTarget.value); }} required />
              <Button type="submit" size="xs">
                {t("actions.snoozeApply")}
              </Button>
            </Stack>
          </form>
      </Modal>
    </Group>
  );
}
