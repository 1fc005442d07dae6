import { defineModule } from "../../core/module.js";
import { contactRoutes } from "./routes.js";

export const contactsModule = defineModule({ name: "contacts", routes: [contactRoutes] });
