import { z } from "zod";
import { Id, Limit, text, Timestamp } from "./common.js";
import { ContactDto } from "./contact.js";
import { ConversationDto } from "./conversation.js";

export const SEARCH_TYPES = ["conversations", "contacts", "messages"] as const;

export const SearchQuery = z.object({
  q: text(200).transform((s) => s.trim()).pipe(z.string().min(1, "must not be empty")),
  type: z.enum(SEARCH_TYPES).default("conversations"),
  limit: Limit,
});
export type SearchQuery = z.infer<typeof SearchQuery>;

export const MessageHitDto = z.object({
  id: Id,
  conversationId: Id,
  conversationNumber: z.number().int(),
  /** The matching passage, with matches between « and ». */
  headline: z.string(),
  createdAt: Timestamp,
});
export type MessageHitDto = z.infer<typeof MessageHitDto>;

export const SearchResultDto = z.discriminatedUnion("type", [
  z.object({ type: z.literal("conversations"), items: z.array(ConversationDto) }),
  z.object({ type: z.literal("contacts"), items: z.array(ContactDto) }),
  z.object({ type: z.literal("messages"), items: z.array(MessageHitDto) }),
]);
export type SearchResultDto = z.infer<typeof SearchResultDto>;
