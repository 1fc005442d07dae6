import { agentAvatarPath, type AgentDto, type AgentSummary } from "@atende/shared";
import type { agents } from "../../db/schema/index.js";

type AgentRow = typeof agents.$inferSelect;

export function toAgentDto(row: AgentRow): AgentDto {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    availability: row.availability,
    locale: row.locale,
    active: row.active,
    avatarUrl: agentAvatarPath(row.id),
    createdAt: row.createdAt.toISOString(),
  };
}

export function toAgentSummary(row: Pick<AgentRow, "id" | "name" | "email">): AgentSummary {
  return { id: row.id, name: row.name, email: row.email };
}
