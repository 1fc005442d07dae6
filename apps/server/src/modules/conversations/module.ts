import { defineModule } from "../../core/module.js";
import { startCountFolding } from "./counts.js";
import { conversationRoutes } from "./routes.js";
import { wakeConversationJob } from "./service.js";
import { replyDeliveryListener } from "./reply-delivery.js";

export const conversationsModule = defineModule({
  name: "conversations",
  routes: [conversationRoutes],
  jobs: [wakeConversationJob],
  listeners: [replyDeliveryListener],
  workers: [(runtime, log) => startCountFolding(runtime.db, log)],
});
