import { CreateAgentBody, WorkspaceName } from "@atende/shared";
import type { Config } from "../config.js";
import { insertAgent } from "../modules/agents/service.js";
import { seedDemo } from "../modules/bootstrap/demo-seed.js";
import type { Actor } from "../core/context.js";
import { createWorkspace, findWorkspace } from "../modules/workspaces/service.js";
import { agents, workspaces } from "../db/schema/index.js";
import { and, asc, eq } from "drizzle-orm";
import { randomBytes } from "node:crypto";
import { createLogger } from "../logger.js";
import { openStore } from "../server/store.js";
import { startRuntime } from "../server/runtime.js";
import { AppError } from "../lib/app-error.js";

/** Applies migrations and closes the database. */
export async function migrateOnly(config: Config): Promise<void> {
  const store = await openStore(config);
  await store.close();
}

type AdminInput = { email: string; name?: string | undefined; password?: string | undefined; workspace?: string | undefined };

/** `atende admin create`: an admin in the named (or first) workspace, creating the workspace when needed. */
export async function adminCreate(config: Config, input: AdminInput): Promise<string> {
  const generated = input.password ? null : randomBytes(12).toString("base64url");
  const parsed = CreateAgentBody.safeParse({
    email: input.email,
    name: input.name ?? input.email.split("@")[0],
    role: "admin",
    password: input.password ?? generated,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`--${String(issue?.path[0] ?? "email")} ${issue?.message ?? "is invalid"}`);
  }
  const workspaceName = input.workspace === undefined ? undefined : WorkspaceName.safeParse(input.workspace);
  if (workspaceName && !workspaceName.success) throw new Error(`--workspace ${workspaceName.error.issues[0]?.message ?? "is invalid"}`);
  input = { ...input, workspace: workspaceName?.data };
  const store = await openStore(config);
  try {
    return await store.handle.db.transaction(async (tx) => {
      let workspace = input.workspace
        ? await findWorkspace(tx, input.workspace)
        : (await tx.select().from(workspaces).orderBy(asc(workspaces.createdAt)).limit(1))[0];
      const createdWorkspace = !workspace;
      workspace ??= await createWorkspace(tx, input.workspace ?? config.admin.workspaceName);
      const agent = await insertAgent(tx, workspace.id, parsed.data).catch((err: unknown) => {
        throw err instanceof AppError ? new Error(`${input.email} is already an agent of "${workspace.name}"`) : err;
      });
      const lines = [
        createdWorkspace ? `Created workspace "${workspace.name}" (${workspace.slug}).` : null,
        `Created admin ${agent.email} in "${workspace.name}".`,
        generated ? `Password (shown once): ${generated}` : null,
      ];
      return lines.filter(Boolean).join("\n");
    });
  } finally {
    await store.close();
  }
}

/** `atende seed --demo`: adds the demo inbox to a workspace, acting as its first admin. */
export async function seedDemoCommand(config: Config, workspaceName: string | undefined): Promise<string> {
  const store = await openStore(config);
  const runtime = await startRuntime(config, store.handle, createLogger({ logLevel: "warn" }));
  try {
    const workspace = workspaceName
      ? await findWorkspace(runtime.db, workspaceName)
      : (await runtime.db.select().from(workspaces).orderBy(asc(workspaces.createdAt)).limit(1))[0];
    if (!workspace) throw new Error(`no workspace "${workspaceName ?? ""}"; create one with \`atende admin create\``);
    const [admin] = await runtime.db
      .select()
      .from(agents)
      .where(and(eq(agents.workspaceId, workspace.id), eq(agents.role, "admin"), eq(agents.active, true)))
      .limit(1);
    if (!admin) throw new Error(`workspace "${workspace.name}" has no active admin`);
    const actor: Actor = {
      workspaceId: workspace.id,
      type: "agent",
      id: admin.id,
      name: admin.name,
      email: admin.email,
      role: admin.role,
      locale: admin.locale ?? "en",
    };
    await runtime.transact(actor, seedDemo);
    return `Added the demo inbox and help center to "${workspace.name}".`;
  } finally {
    await runtime.jobs.stop();
    await runtime.bus.close();
    await store.close();
  }
}
