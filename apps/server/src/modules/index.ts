import type { AtendeModule } from "../core/module.js";
import { emailModule } from "../channels/email/module.js";
import { realtimeModule } from "../realtime/module.js";
import { agentsModule } from "./agents/module.js";
import { attachmentsModule } from "./attachments/module.js";
import { authModule } from "./auth/module.js";
import { cannedResponsesModule } from "./canned-responses/module.js";
import { contactsModule } from "./contacts/module.js";
import { conversationsModule } from "./conversations/module.js";
import { inboxesModule } from "./inboxes/module.js";
import { knowledgeBaseModule } from "./knowledge-base/module.js";
import { notificationsModule } from "./notifications/module.js";
import { retentionModule } from "./retention/module.js";
import { savedViewsModule } from "./saved-views/module.js";
import { searchModule } from "./search/module.js";
import { tagsModule } from "./tags/module.js";
import { teamsModule } from "./teams/module.js";
import { virtualAttendantModule } from "./virtual-attendant/module.js";
import { workspacesModule } from "./workspaces/module.js";
import { chatModule } from "../channels/chat/module.js";

/** Every capability of the server, one line each: boot registers what each declares. */
export const MODULES: readonly AtendeModule[] = [
  authModule,
  workspacesModule,
  agentsModule,
  teamsModule,
  inboxesModule,
  contactsModule,
  tagsModule,
  cannedResponsesModule,
  conversationsModule,
  savedViewsModule,
  searchModule,
  notificationsModule,
  knowledgeBaseModule,
  virtualAttendantModule,
  attachmentsModule,
  realtimeModule,
  emailModule,
  chatModule,
  retentionModule,
];
