import { AppShell, Badge, ColorSwatch, Container, Group, Select, Switch, Tabs } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router";
import { AGENT_ROLES, AgentDto, CannedResponseDto, CHANNEL_KINDS, InboxDto, TagDto, TeamDto, type UpdateAgentBody } from "@atende/shared";
import { api } from "../../api/client.js";
import { AppHeader } from "../../components/app-header.js";
import { ShortcutsDialog } from "../../components/shortcuts-dialog.js";
import { useSignedIn } from "../auth/use-session.js";
import { useAgents } from "../conversations/conversation-actions.js";
import { SearchDialog } from "../search/search-dialog.js";
import { CollectionSettings } from "./collection-settings.js";
import type { FieldValues } from "./field-inputs.js";
import { InboxEditor } from "./inbox-editor.js";
import { ProfileSettings } from "./profile-settings.js";

const TABS = ["profile", "inboxes", "agents", "teams", "tags", "canned"] as const;
type Tab = (typeof TABS)[number];

/** Drops empty inputs: the server then uses its defaults, and says what is missing beside the field. */
const filled = (values: FieldValues) => Object.fromEntries(Object.entries(values).filter(([, v]) => typeof v !== "string" || v.trim() !== ""));

/** The agents table's own controls: role and active, changed at once. */
function AgentControls({ agent, editable }: { agent: AgentDto; editable: boolean }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const update = useMutation({
    mutationFn: (changes: UpdateAgentBody) => api(AgentDto, `/agents/${agent.id}`, { method: "PATCH", body: changes }),
    onSuccess: () => client.invalidateQueries({ queryKey: ["settings", "/agents"] }),
    onError: (error) => notifications.show({ color: "red", message: error.message }),
  });
  return [
    <Select
      key="role"
      size="xs"
      w={140}
      aria-label={t("settings.role")}
      disabled={!editable}
      data={AGENT_ROLES.map((r) => ({ value: r, label: t(`settings.roles.${r}`) }))}
      value={agent.role}
      allowDeselect={false}
      onChange={(role) => {
        if (role) update.mutate({ role });
      }}
    />,
    <Switch
      key="active"
      aria-label={t("settings.active")}
      disabled={!editable}
      checked={agent.active}
      onChange={(e) => {
        update.mutate({ active: e.currentTarget.checked });
      }}
    />,
  ];
}

/** Settings: the agent's profile for everyone; inboxes, agents, teams, tags and canned responses (admins change them). */
export function SettingsPage() {
  const { t } = useTranslation();
  const { agent } = useSignedIn();
  const navigate = useNavigate();
  const tab: Tab = TABS.find((x) => x === useParams().tab) ?? "profile";
  const admin = agent.role === "admin";
  const [searching, setSearching] = useState(false);
  const [helping, setHelping] = useState(false);
  const agents = useAgents();
  const agentOptions = (agents.data ?? []).map((a) => ({ value: a.id, label: a.name }));
  const agentName = new Map(agentOptions.map((a) => [a.value, a.label]));
  const teamFields = [
    { name: "name", label: t("settings.name") },
    { name: "description", label: t("settings.description") },
    { name: "memberIds", label: t("settings.members"), kind: "multiselect" as const, options: agentOptions },
  ];
  const tagFields = [
    { name: "name", label: t("settings.name") },
    { name: "color", label: t("settings.color"), kind: "color" as const },
  ];
  const cannedFields = [
    { name: "shortCode", label: t("settings.shortCode") },
    { name: "title", label: t("settings.title") },
    { name: "body", label: t("settings.body"), kind: "textarea" as const },
  ];
  return (
    <AppShell header={{ height: 56 }} padding="md">
      <AppHeader onSearch={() => { setSearching(true); }} onHelp={() => { setHelping(true); }} />
      <SearchDialog opened={searching} onClose={() => { setSearching(false); }} />
      <ShortcutsDialog opened={helping} onClose={() => { setHelping(false); }} />
      <AppShell.Main>
        <Container size="lg">
          <Tabs value={tab} onChange={(next) => void navigate(`/settings/${next ?? "profile"}`)} keepMounted={false}>
            <Tabs.List mb="md">
              {TABS.map((x) => (
                <Tabs.Tab key={x} value={x}>
                  {t(`settings.${x}`)}
                </Tabs.Tab>
              ))}
            </Tabs.List>
            <Tabs.Panel value="profile">
              <ProfileSettings />
            </Tabs.Panel>
            <Tabs.Panel value="inboxes">
              <CollectionSettings
                title={t("settings.inboxes")}
                path="/inboxes"
                item={InboxDto}
                nameOf={(i) => i.name}
                editable={admin}
                deletable={false}
                edit={(inbox, close) => <InboxEditor inbox={inbox} onClose={close} />}
                headers={[t("settings.name"), t("settings.channel"), t("settings.details")]}
                cells={(i) => [
                  i.name,
                  <Badge key="c" variant="light">{t(`channels.${i.channel}`)}</Badge>,
                  i.chat ? (
                    i.chat.allowedOrigins.join(", ") || t("settings.inbox.anySite")
                  ) : (
                    <Group key="d" gap={6} wrap="nowrap">
                      {i.address ?? ""}
                      {i.addressProof?.status === "unverified" && (
                        <Badge size="xs" color="orange" variant="light">
                          {t("settings.inbox.proof.unverified")}
                        </Badge>
                      )}
                    </Group>
                  ),
                ]}
                fields={[
                  { name: "name", label: t("settings.name") },
                  { name: "channel", label: t("settings.channel"), kind: "select", options: CHANNEL_KINDS.map((c) => ({ value: c, label: t(`channels.${c}`) })) },
                  { name: "address", label: t("settings.address") },
                ]}
                toBody={filled}
              />
            </Tabs.Panel>
            <Tabs.Panel value="agents">
              <CollectionSettings
                title={t("settings.agents")}
                path="/agents"
                item={AgentDto}
                nameOf={(a) => a.name}
                editable={admin}
                deletable={false}
                edit={[{ name: "name", label: t("settings.name") }]}
                headers={[t("settings.name"), t("settings.email"), t("settings.role"), t("settings.active")]}
                cells={(a) => [a.name, a.email, ...AgentControls({ agent: a, editable: admin && a.id !== agent.id })]}
                fields={[
                  { name: "name", label: t("settings.name") },
                  { name: "email", label: t("settings.email") },
                  { name: "password", label: t("settings.initialPassword"), kind: "password" },
                  { name: "role", label: t("settings.role"), kind: "select", options: AGENT_ROLES.map((r) => ({ value: r, label: t(`settings.roles.${r}`) })) },
                ]}
                toBody={filled}
              />
            </Tabs.Panel>
            <Tabs.Panel value="teams">
              <CollectionSettings
                title={t("settings.teams")}
                path="/teams"
                item={TeamDto}
                nameOf={(team) => team.name}
                editable={admin}
                headers={[t("settings.name"), t("settings.description"), t("settings.members")]}
                cells={(team) => [team.name, team.description ?? "", team.memberIds.map((id) => agentName.get(id) ?? "").join(", ")]}
                fields={teamFields}
                toBody={filled}
                edit={teamFields}
              />
            </Tabs.Panel>
            <Tabs.Panel value="tags">
              <CollectionSettings
                title={t("settings.tags")}
                path="/tags"
                item={TagDto}
                nameOf={(tag) => tag.name}
                editable={admin}
                headers={[t("settings.name")]}
                cells={(tag) => [
                  <Group key="n" gap="xs">
                    {tag.color && <ColorSwatch color={tag.color} size={14} aria-hidden />}
                    {tag.name}
                  </Group>,
                ]}
                fields={tagFields}
                toBody={filled}
                edit={tagFields}
              />
            </Tabs.Panel>
            <Tabs.Panel value="canned">
              <CollectionSettings
                title={t("settings.canned")}
                path="/canned-responses"
                item={CannedResponseDto}
                nameOf={(c) => `/${c.shortCode}`}
                editable={admin}
                headers={[t("settings.shortCode"), t("settings.title"), t("settings.body")]}
                cells={(c) => [`/${c.shortCode}`, c.title, c.body]}
                fields={cannedFields}
                toBody={filled}
                edit={cannedFields}
              />
            </Tabs.Panel>
          </Tabs>
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}
