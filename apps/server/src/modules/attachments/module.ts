import { defineModule } from "../../core/module.js";
import { attachmentRoutes } from "./routes.js";

export const attachmentsModule = defineModule({ name: "attachments", routes: [attachmentRoutes] });
