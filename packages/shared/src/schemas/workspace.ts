import { z } from "zod";
import { Id } from "./common.js";

export const WorkspaceDto = z.object({ id: Id, name: z.string(), slug: z.string() });
export type WorkspaceDto = z.infer<typeof WorkspaceDto>;
