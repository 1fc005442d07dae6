import { defineModule } from "../../core/module.js";
import { cannedResponseRoutes } from "./routes.js";

export const cannedResponsesModule = defineModule({ name: "canned-responses", routes: [cannedResponseRoutes] });
