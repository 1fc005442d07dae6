import { z } from "zod";
import { CHANNEL_KINDS } from "../enums.js";
import { Email, Id, line, Timestamp } from "./common.js";

export const InboxDto = z.object({
  id: Id,
  name: z.string(),
  channel: z.enum(CHANNEL_KINDS),
  /** The address customers write to, for e-mail inboxes. */
  address: z.string().nullable(),
  createdAt: Timestamp,
});
export type InboxDto = z.infer<typeof InboxDto>;

export const CreateInboxBody = z
  .object({ name: line(100), channel: z.enum(CHANNEL_KINDS), address: Email.optional() })
  .refine((b) => b.channel !== "email" || b.address !== undefined, {
    path: ["address"],
    message: "is required for an e-mail inbox",
  })
  .refine((b) => b.channel === "email" || b.address === undefined, {
    path: ["address"],
    message: "is only for e-mail inboxes",
  });
export type CreateInboxBody = z.infer<typeof CreateInboxBody>;

export const UpdateInboxBody = z.object({ name: line(100) }).partial();
export type UpdateInboxBody = z.infer<typeof UpdateInboxBody>;
