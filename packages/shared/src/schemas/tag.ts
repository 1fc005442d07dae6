import { rule } from "../errors.js";
import { z } from "zod";
import { Id, line, text, someChange } from "./common.js";

/** Tag names are case-insensitive labels such as "billing" or "vip". */
export const TagName = line(50).transform((s) => s.toLowerCase());
const Color = text(7).regex(/^#[0-9a-fA-F]{6}$/, rule("colour", "must be a colour like #1f6feb"));

export const TagDto = z.object({ id: Id, name: z.string(), color: z.string().nullable() });
export type TagDto = z.infer<typeof TagDto>;

export const CreateTagBody = z.object({ name: TagName, color: Color.nullable().optional() });
export type CreateTagBody = z.infer<typeof CreateTagBody>;

export const UpdateTagBody = someChange(CreateTagBody.partial());
export type UpdateTagBody = z.infer<typeof UpdateTagBody>;
