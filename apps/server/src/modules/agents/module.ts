import { defineModule } from "../../core/module.js";
import { agentRoutes } from "./routes.js";

export const agentsModule = defineModule({ name: "agents", routes: [agentRoutes] });
