import { defineModule } from "../core/module.js";
import { realtimeRoutes } from "./routes.js";

export const realtimeModule = defineModule({ name: "realtime", routes: [realtimeRoutes] });
