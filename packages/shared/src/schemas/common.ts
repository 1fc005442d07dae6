import { z } from "zod";

/** Opaque resource id (UUID). */
export const Id = z.uuid();

/** Text that PostgreSQL can store: well-formed Unicode without NUL characters. */
export function text(max: number) {
  return z
    .string()
    .max(max, `must be at most ${String(max)} characters`)
    .refine((s) => s.isWellFormed(), "must be valid Unicode")
    .refine((s) => !s.includes("\u0000"), "must not contain NUL characters");
}

/** A required, trimmed line of text such as a name. */
export function line(max = 200) {
  return text(max).transform((s) => s.trim()).pipe(z.string().min(1, "must not be empty"));
}

export const Email = z
  .email("must be an e-mail address")
  .max(320)
  .transform((s) => s.toLowerCase());

export const Timestamp = z.iso.datetime({ offset: true });

export const Limit = z.coerce.number().int().min(1).max(100).default(25);

export const PageQuery = z.object({
  cursor: z.string().max(512).optional(),
  limit: Limit,
});

/** A cursor-paginated list: `{ items, nextCursor }`. */
export function page<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

export const AgentSummary = z.object({ id: Id, name: z.string(), email: z.string() });
export type AgentSummary = z.infer<typeof AgentSummary>;
