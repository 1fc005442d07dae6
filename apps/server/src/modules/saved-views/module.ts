import { defineModule } from "../../core/module.js";
import { savedViewRoutes } from "./routes.js";

export const savedViewsModule = defineModule({ name: "saved-views", routes: [savedViewRoutes] });
