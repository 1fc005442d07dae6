import { z } from "zod";
import { Problem } from "../errors.js";
import { PRIORITIES } from "../enums.js";
import { Id, TimestampInput } from "./common.js";
import { MessageBody } from "./message.js";
import { TagName } from "./tag.js";

const Tags = z.array(TagName).min(1).max(50);

/**
 * The action catalogue: every change an agent, a bulk request, a rule, a macro or the virtual
 * attendant makes to a conversation is one of these commands, run by the same code, recorded in the
 * timeline as done by its actor, raising its events.
 */
export const ConversationAction = z.discriminatedUnion("type", [
  /** To an agent; `null` leaves it unassigned. */
  z.object({ type: z.literal("assign"), agentId: Id.nullable() }),
  z.object({ type: z.literal("assign_team"), teamId: Id.nullable() }),
  z.object({ type: z.literal("add_tags"), tags: Tags }),
  z.object({ type: z.literal("remove_tags"), tags: Tags }),
  z.object({ type: z.literal("set_priority"), priority: z.enum(PRIORITIES) }),
  /** Snoozing has its own action: it needs a time. */
  z.object({ type: z.literal("set_status"), status: z.enum(["open", "pending", "resolved"]) }),
  z.object({ type: z.literal("snooze"), until: TimestampInput }),
  z.object({ type: z.literal("add_note"), body: MessageBody }),
  /** A reply to the customer: written, or a canned response filled in for this conversation. */
  z
    .object({ type: z.literal("reply"), body: MessageBody.optional(), cannedResponseId: Id.optional() })
    .refine((a) => (a.body === undefined) !== (a.cannedResponseId === undefined), {
      path: ["body"],
      message: "give either a body or a cannedResponseId",
    }),
  /**
   * To a person: open again, to a team and/or an agent (neither: to whoever takes it from the
   * queue), with a note saying what was done so far.
   */
  /** Takes in another conversation of the same contact (its messages join this timeline; it is resolved). */
  z.object({ type: z.literal("merge"), otherId: Id }),
  z.object({ type: z.literal("hand_off"), teamId: Id.optional(), agentId: Id.optional(), note: MessageBody.optional() }),
]);
export type ConversationAction = z.infer<typeof ConversationAction>;
export type ConversationActionType = ConversationAction["type"];

/** The most conversations one bulk request changes. */
export const BULK_MAX_IDS = 500;

export const BulkConversationsBody = z.object({
  ids: z.array(Id).min(1).max(BULK_MAX_IDS),
  actions: z.array(ConversationAction).min(1).max(10),
});
export type BulkConversationsBody = z.infer<typeof BulkConversationsBody>;

/** Each conversation's outcome, in the order asked: all of its actions, or none (one transaction each). */
export const BulkConversationsResult = z.object({
  results: z.array(z.object({ id: Id, ok: z.boolean(), error: Problem.optional() })),
});
export type BulkConversationsResult = z.infer<typeof BulkConversationsResult>;
