import { defineModule } from "../../core/module.js";
import { teamRoutes } from "./routes.js";

export const teamsModule = defineModule({ name: "teams", routes: [teamRoutes] });
