import { eq, like, or } from "drizzle-orm";
import type { WorkspaceDto } from "@atende/shared";
import type { Executor } from "../../db/client.js";
import { workspaces } from "../../db/schema/index.js";

type WorkspaceRow = typeof workspaces.$inferSelect;

export function toWorkspaceDto(row: WorkspaceRow): WorkspaceDto {
  return { id: row.id, name: row.name, slug: row.slug };
}

/** "Loja Açaí & Cia" → "loja-acai-cia". */
export function slugify(name: string): string {
  const slug = name
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 50);
  return slug || "workspace";
}

/** Finds a workspace by its exact name or its slug. */
export async function findWorkspace(db: Executor, nameOrSlug: string): Promise<WorkspaceRow | undefined> {
  const [row] = await db
    .select()
    .from(workspaces)
    .where(or(eq(workspaces.name, nameOrSlug), eq(workspaces.slug, nameOrSlug)))
    .limit(1);
  return row;
}

/** Creates a workspace with a unique slug derived from its name. */
export async function createWorkspace(db: Executor, name: string): Promise<WorkspaceRow> {
  const base = slugify(name);
  const taken = new Set(
    (await db.select({ slug: workspaces.slug }).from(workspaces).where(like(workspaces.slug, `${base}%`))).map(
      (r) => r.slug,
    ),
  );
  let slug = base;
  for (let n = 2; taken.has(slug); n++) slug = `${base}-${String(n)}`;
  const [row] = await db.insert(workspaces).values({ name, slug }).returning();
  if (!row) throw new Error("workspace insert returned no row");
  return row;
}
