import { defineModule } from "../../core/module.js";
import { passwordResetMailJob } from "./password-reset.js";
import { meRoutes, passwordResetRoutes, publicAuthRoutes } from "./routes.js";

export const authModule = defineModule({
  name: "auth",
  publicRoutes: [publicAuthRoutes, passwordResetRoutes],
  routes: [meRoutes],
  jobs: [passwordResetMailJob],
});
