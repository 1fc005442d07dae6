import { defineModule } from "../../core/module.js";
import { assignmentNotifications, mentionNotifications, messageNotifications } from "./listeners.js";
import { notificationRoutes } from "./routes.js";

/** What each agent is told of, kept until read: mentions, assignments, customers' new messages. */
export const notificationsModule = defineModule({
  name: "notifications",
  routes: [notificationRoutes],
  listeners: [mentionNotifications, assignmentNotifications, messageNotifications],
});
