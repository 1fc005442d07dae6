import { defineModule } from "../../core/module.js";
import { workspaceRoutes } from "./routes.js";

export const workspacesModule = defineModule({ name: "workspaces", routes: [workspaceRoutes] });
