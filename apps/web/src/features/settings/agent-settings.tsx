import { Select, Switch } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { AGENT_ROLES, AgentDto, type UpdateAgentBody } from "@atende/shared";
import { api } from "../../api/client.js";
import { useConfirmation } from "../../components/confirm-dialog.js";
import { useIsAdmin, useSignedIn } from "../auth/use-session.js";
import { CollectionSettings } from "./collection-settings.js";
import { showError } from "../../api/errors.js";

/** Changes one agent at once, from the agents table's controls. */
function useAgentUpdate(agent: AgentDto) {
  const { t } = useTranslation();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (changes: UpdateAgentBody) => api(AgentDto, `/agents/${agent.id}`, { method: "PATCH", body: changes }),
    onSuccess: () => {
      notifications.show({ color: "green", message: t("settings.saved") });
      return client.invalidateQueries({ queryKey: ["settings", "/agents"] });
    },
    onError: showError,
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
  const deactivation = useConfirmation(
    (a: AgentDto) => ({ title: t("settings.deactivate", { name: a.name }), message: t("settings.deactivateWarning"), confirm: t("settings.deactivateConfirm") }),
    () => { update.mutate({ active: false }); },
  );
  return (
    <>
      <Switch
        aria-label={t("settings.activeAgent", { name: agent.name })}
        disabled={!editable}
        checked={agent.active}
        onChange={(e) => {
          // Turning an agent off signs them out everywhere: asked first. Turning one on is not.
          if (e.currentTarget.checked) update.mutate({ active: true });
          else deactivation.ask(agent);
        }}
      />
      {deactivation.dialog}
    </>
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
      edit={[
        { name: "name", label: t("settings.name") },
        { name: "password", label: t("settings.newPasswordForAgent"), kind: "password" },
      ]}
      columns={[
        { name: t("settings.name"), value: (a) => a.name },
        { name: t("settings.email"), value: (a) => a.email },
        { name: t("settings.role"), value: (a) => <AgentRoleSelect agent={a} editable={admin && a.id !== agent.id} /> },
        { name: t("settings.active"), value: (a) => <AgentActiveSwitch agent={a} editable={admin && a.id !== agent.id} /> },
      ]}
      fields={[
        { name: "name", label: t("settings.name") },
        { name: "email", label: t("settings.email") },
        { name: "password", label: t("settings.initialPassword"), kind: "password" },
        { name: "role", label: t("settings.role"), kind: "select", options: AGENT_ROLES.map((r) => ({ value: r, label: t(`settings.roles.${r}`) })) },
      ]}
    />
  );
}
