import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Config } from "../../config.js";
import { workspaces } from "../../db/schema/index.js";
import { insertAgent } from "../agents/service.js";
import type { Actor, Runtime } from "../../core/context.js";
import { createWorkspace } from "../workspaces/service.js";
import { seedDemo } from "./demo-seed.js";

const FIRST_START_LOCK = 7_261_351;

export type FirstStart = { email: string; generatedPassword: string | null; workspace: string } | null;

/**
 * On a database without any workspace, creates the first workspace and its admin (and the demo
 * inbox unless disabled, seeded in a second transaction). Returns what was created, or null when nothing was.
 */
export async function ensureFirstWorkspace(runtime: Runtime, config: Config, demo: boolean): Promise<FirstStart> {
  return runtime.db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${FIRST_START_LOCK})`);
    const [existing] = await tx.select({ id: workspaces.id }).from(workspaces).limit(1);
    if (existing) return null;
    const generatedPassword = config.admin.password ? null : randomBytes(12).toString("base64url");
    const password = config.admin.password ?? generatedPassword ?? "";
    const email = config.admin.email ?? "admin@atende.local";
    const workspace = await createWorkspace(tx, config.admin.workspaceName);
    const admin = await insertAgent(tx, workspace.id, { email, name: "Admin", role: "admin", password });
    return { email, generatedPassword, workspace: workspace.name, adminId: admin.id, workspaceId: workspace.id };
  }).then(async (created) => {
    if (!created) return null;
    if (demo) {
      const actor: Actor = {
        workspaceId: created.workspaceId,
        type: "agent",
        id: created.adminId,
        name: "Admin",
        email: created.email,
        role: "admin",
        locale: "en",
      };
      await runtime.transact(actor, seedDemo);
    }
    return { email: created.email, generatedPassword: created.generatedPassword, workspace: created.workspace };
  });
}
