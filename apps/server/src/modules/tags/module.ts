import { defineModule } from "../../core/module.js";
import { tagRoutes } from "./routes.js";

export const tagsModule = defineModule({ name: "tags", routes: [tagRoutes] });
