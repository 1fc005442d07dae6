import { IconSettings } from "@tabler/icons-react";
import { AGENT_ROLES } from "@atende/shared";
import { lazyExport, type WebFeature } from "../web-feature.js";

const onDemand = () => import("./on-demand.js");
const SettingsPage = lazyExport(onDemand, "SettingsPage");

/** Everyone sees every section but Workspace (admins only); admins change the workspace's (the sections check). */
export const feature: WebFeature = {
  name: "settings",
  routes: [{ path: "/settings/:tab?", element: <SettingsPage /> }],
  navigation: { label: "app.settings", icon: IconSettings, path: "/settings", order: 20 },
  settings: [
    { key: "profile", label: "settings.profile", component: lazyExport(onDemand, "ProfileSettings"), roles: AGENT_ROLES, order: 10 },
    { key: "workspace", label: "settings.workspace", component: lazyExport(onDemand, "WorkspaceSettings"), roles: ["admin"], order: 15 },
    { key: "inboxes", label: "settings.inboxes", component: lazyExport(onDemand, "InboxSettings"), roles: AGENT_ROLES, order: 20 },
    { key: "agents", label: "settings.agents", component: lazyExport(onDemand, "AgentSettings"), roles: AGENT_ROLES, order: 30 },
    { key: "teams", label: "settings.teams", component: lazyExport(onDemand, "TeamSettings"), roles: AGENT_ROLES, order: 40 },
    { key: "tags", label: "settings.tags", component: lazyExport(onDemand, "TagSettings"), roles: AGENT_ROLES, order: 50 },
    { key: "canned", label: "settings.canned", component: lazyExport(onDemand, "CannedSettings"), roles: AGENT_ROLES, order: 60 },
    { key: "api-tokens", label: "settings.apiTokens.title", component: lazyExport(onDemand, "ApiTokenSettings"), roles: AGENT_ROLES, order: 70 },
  ],
};
