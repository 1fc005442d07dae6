import { defineModule } from "../../core/module.js";
import { inboxRoutes } from "./routes.js";

export const inboxesModule = defineModule({ name: "inboxes", routes: [inboxRoutes] });
