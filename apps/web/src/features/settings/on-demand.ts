// What Settings loads when it is first opened, in one chunk: the page and its sections.
export { SettingsPage } from "./settings-page.js";
export { ProfileSettings } from "./profile-settings.js";
export { WorkspaceSettings } from "./workspace-settings.js";
export { InboxSettings } from "./inbox-settings.js";
export { AgentSettings } from "./agent-settings.js";
export { TeamSettings } from "./team-settings.js";
export { TagSettings } from "./tag-settings.js";
export { CannedSettings } from "./canned-settings.js";
export { ApiTokenSettings } from "./api-token-settings.js";
