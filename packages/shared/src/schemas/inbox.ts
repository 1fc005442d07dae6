import { z } from "zod";
import { CHANNEL_KINDS } from "../enums.js";
import { Id, line, Timestamp } from "./common.js";

export const InboxDto = z.object({ id: Id, name: z.string(), channel: z.enum(CHANNEL_KINDS), createdAt: Timestamp });
export type InboxDto = z.infer<typeof InboxDto>;

export const CreateInboxBody = z.object({ name: line(100), channel: z.enum(CHANNEL_KINDS) });
export type CreateInboxBody = z.infer<typeof CreateInboxBody>;

export const UpdateInboxBody = z.object({ name: line(100) }).partial();
export type UpdateInboxBody = z.infer<typeof UpdateInboxBody>;
