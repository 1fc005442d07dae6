import { Select, Switch } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { AGENT_ROLES, AgentDto, type UpdateAgentBody } from "@atende/shared";
import { api } from "../../api/client.js";
import { useIsAdmin, useSignedIn } from "../auth/use-session.js";
import { CollectionSettings } from "./collection-settings.js";

/** Changes one agent at once, from the agents table's controls. */
function useAgentUpdate(agent: AgentDto) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (changes: UpdateAgentBody) => api(AgentDto, `/agents/${agent.id}`, { method: "PATCH", body: changes }),
    onSuccess: () => client.invalidateQueries({ queryKey: ["settings", "/agents"] }),
    onError: (error) => notifications.show({ color: "red", message: error.message }),
  });
}

/** An agent's role, changed at once (rendered as a component: it has hooks of its own). */
function AgentRoleSelect({ agent, editable }: { agent: AgentDto; editable: boolean }) {
  const { t } = useTranslation();
  const update = useAgentUpdate(agent);
  return (
    <Select
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
    />
  );
}

/** Whether an agent is active, changed at once. */
function AgentActiveSwitch({ agent, editable }: { agent: AgentDto; editable: boolean }) {
  const { t } = useTranslation();
  const update = useAgentUpdate(agent);
  return (
    <Switch
      aria-label={t("settings.active")}
      disabled={!editable}
      checked={agent.active}
      onChange={(e) => {
        update.mutate({ active: e.currentTarget.checked });
      }}
    />
  );
}

/** The workspace's agents; admins add them, rename them, and change the others' role and whether they are active. */
export function AgentSettings() {
  const { t } = useTranslation();
  const { agent } = useSignedIn();
  const admin = useIsAdmin();
  return (
    <CollectionSettings
      title={t("settings.agents")}
      path="/agents"
      item={AgentDto}
      nameOf={(a) => a.name}
      editable={admin}
      deletable={false}
      edit={[{ name: "name", label: t("settings.name") }]}
      headers={[t("settings.name"), t("settings.email"), t("settings.role"), t("settings.active")]}
      cells={(a) => {
        const editable = admin && a.id !== agent.id;
        return [a.name, a.email, <AgentRoleSelect key="role" agent={a} editable={editable} />, <AgentActiveSwitch key="active" agent={a} editable={editable} />];
      }}
      fields={[
        { name: "name", label: t("settings.name") },
        { name: "email", label: t("settings.email") },
        { name: "password", label: t("settings.initialPassword"), kind: "password" },
        { name: "role", label: t("settings.role"), kind: "select", options: AGENT_ROLES.map((r) => ({ value: r, label: t(`settings.roles.${r}`) })) },
      ]}
    />
  );
}
