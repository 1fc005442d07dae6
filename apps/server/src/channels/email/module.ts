import { defineModule } from "../../core/module.js";
import { deliverEmailJob, deliverEmailListener } from "./outbound.js";
import { closeMailParser } from "./parser-pool.js";

/** E-mail: replies delivered through each inbox's SMTP server (receiving runs in the `mail` role). */
export const emailModule = defineModule({ name: "email", jobs: [deliverEmailJob], listeners: [deliverEmailListener], close: closeMailParser });
