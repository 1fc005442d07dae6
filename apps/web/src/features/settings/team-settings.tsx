import { useTranslation } from "react-i18next";
import { TeamDto } from "@atende/shared";
import { useIsAdmin } from "../auth/use-session.js";
import { useAgents } from "../conversations/conversation-actions.js";
import { CollectionSettings } from "./collection-settings.js";

/** The workspace's teams and their members; admins add, change and delete them. */
export function TeamSettings() {
  const { t } = useTranslation();
  const admin = useIsAdmin();
  const agents = useAgents();
  const agentOptions = (agents.data ?? []).map((a) => ({ value: a.id, label: a.name }));
  const agentName = new Map(agentOptions.map((a) => [a.value, a.label]));
  const fields = [
    { name: "name", label: t("settings.name") },
    { name: "description", label: t("settings.description") },
    { name: "memberIds", label: t("settings.members"), kind: "multiselect" as const, options: agentOptions },
  ];
  return (
    <CollectionSettings
      title={t("settings.teams")}
      path="/teams"
      item={TeamDto}
      nameOf={(team) => team.name}
      editable={admin}
      columns={[
        { name: t("settings.name"), value: (team) => team.name },
        { name: t("settings.description"), value: (team) => team.description },
        { name: t("settings.members"), value: (team) => team.memberIds.map((id) => agentName.get(id) ?? "").join(", ") },
      ]}
      fields={fields}
      edit={fields}
    />
  );
}
