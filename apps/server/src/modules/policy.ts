import type { AgentRole } from "@atende/shared";
import { AppError } from "../lib/app-error.js";
import type { Actor } from "../core/context.js";

/** Throws FORBIDDEN unless the actor has one of the roles. The system actor may do anything. */
export function requireRole(actor: Actor, roles: readonly AgentRole[]): void {
  if (actor.type === "system") return;
  if (actor.role === null || !roles.includes(actor.role)) {
    throw AppError.forbidden(`Only ${roles.join(" or ")} may do this.`);
  }
}

export const MANAGERS: readonly AgentRole[] = ["admin", "supervisor"];
export const ADMINS: readonly AgentRole[] = ["admin"];
