import { defineModule } from "../../core/module.js";
import { attendantTakenOver, attendantTurns } from "./conversation.js";
import { attendantRoutes } from "./routes.js";

/** The virtual attendant: answers customers from the public knowledge base and hands off to a person. */
export const virtualAttendantModule = defineModule({
  name: "virtual-attendant",
  routes: [attendantRoutes],
  listeners: [attendantTurns, attendantTakenOver],
});
