import { defineModule } from "../../core/module.js";
import { meRoutes, publicAuthRoutes } from "./routes.js";

export const authModule = defineModule({ name: "auth", publicRoutes: [publicAuthRoutes], routes: [meRoutes] });
