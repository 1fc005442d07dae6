import { z } from "zod";
import {
  CHANNEL_KINDS,
  CONVERSATION_SORTS,
  CONVERSATION_STATUSES,
  MESSAGE_DIRECTIONS,
  MESSAGE_KINDS,
  PRIORITIES,
  type ConversationView,
} from "../enums.js";
import { AgentSummary, Email, Id, Limit, lineText, page, PageQuery, text, Timestamp, TimestampInput, someChange } from "./common.js";
import { ContactSummary } from "./contact.js";
import { ComposedEmail, MessageBody, MessageDto, UploadTokens } from "./message.js";
import { TagName } from "./tag.js";

export const ConversationDto = z.object({
  id: Id,
  number: z.number().int(),
  inboxId: Id,
  channel: z.enum(CHANNEL_KINDS),
  subject: z.string().nullable(),
  status: z.enum(CONVERSATION_STATUSES),
  priority: z.enum(PRIORITIES),
  snoozedUntil: Timestamp.nullable(),
  contact: ContactSummary,
  assignee: AgentSummary.nullable(),
  team: z.object({ id: Id, name: z.string() }).nullable(),
  tags: z.array(z.string()),
  lastMessage: z
    .object({
      preview: z.string(),
      direction: z.enum(MESSAGE_DIRECTIONS),
      kind: z.enum(MESSAGE_KINDS),
      createdAt: Timestamp,
    })
    .nullable(),
  /** Since when the customer has been waiting for a reply; null when the last word was the team's. */
  waitingSince: Timestamp.nullable(),
  lastActivityAt: Timestamp,
  firstResponseAt: Timestamp.nullable(),
  resolvedAt: Timestamp.nullable(),
  /** The conversation this one was merged into (its messages are there now); null when it stands alone. */
  mergedIntoId: Id.nullable(),
  createdAt: Timestamp,
});
export type ConversationDto = z.infer<typeof ConversationDto>;

/** Asking for a conversation with `messages`: its newest messages come with it, so that opening it is one request. */
export const GetConversationQuery = z.object({
  messages: Limit.unwrap().optional().describe("How many of the newest messages to include, newest first."),
});
export type GetConversationQuery = z.infer<typeof GetConversationQuery>;

/** A conversation as opened: with its newest messages when asked (`nextCursor` leads to older ones, `order=newest`). */
export const OpenedConversationDto = ConversationDto.extend({
  messages: page(MessageDto).optional(),
});
export type OpenedConversationDto = z.infer<typeof OpenedConversationDto>;

const NewContact = z
  .object({ email: Email.optional(), name: lineText(200).optional(), phone: lineText(40).optional() })
  .refine((c) => Boolean(c.email ?? c.phone ?? c.name), {
    message: "give at least an e-mail, a phone or a name",
  });

export const CreateConversationBody = z
  .object({
    inboxId: Id,
    contactId: Id.optional(),
    contact: NewContact.optional(),
    subject: lineText(500).optional(),
    /** `direction: "outgoing"`: the team writes first (in an e-mail inbox, a new e-mail to the contact). */
    message: z.object({ body: MessageBody, direction: z.enum(MESSAGE_DIRECTIONS).default("incoming"), html: ComposedEmail.shape.html, attachments: UploadTokens }),
    /** Who else a new e-mail goes to. */
    cc: ComposedEmail.shape.cc,
    /** Who gets a blind copy of a new e-mail. */
    bcc: ComposedEmail.shape.bcc,
  })
  .refine((b) => (b.contactId === undefined) !== (b.contact === undefined), {
    path: ["contactId"],
    message: "give either contactId or contact, not both and not neither",
  })
  .refine((b) => b.message.direction === "outgoing" || (b.cc === undefined && b.bcc === undefined && b.message.html === undefined), {
    path: ["message", "direction"],
    message: "copies and formatting are for a message the team sends (outgoing)",
  });
export type CreateConversationBody = z.infer<typeof CreateConversationBody>;

/** Merges another conversation of the same contact into this one: its messages join this timeline, in order. */
export const MergeConversationBody = z.object({ otherId: Id });
export type MergeConversationBody = z.infer<typeof MergeConversationBody>;

export const UpdateConversationBody = someChange(
  z.object({
    status: z.enum(CONVERSATION_STATUSES),
    snoozedUntil: TimestampInput.nullable(),
    assigneeId: Id.nullable(),
    teamId: Id.nullable(),
    priority: z.enum(PRIORITIES),
    /** The whole set of tags (replacing them); `addTags` and `removeTags` change some and keep the others. */
    tags: z.array(TagName).max(50),
    addTags: z.array(TagName).min(1).max(50),
    removeTags: z.array(TagName).min(1).max(50),
  }).partial(),
)
  .refine((b) => b.tags === undefined || (b.addTags === undefined && b.removeTags === undefined), {
    path: ["tags"],
    message: "replaces every tag: send it alone, or addTags and removeTags",
  })
  .refine((b) => b.status !== "snoozed" || typeof b.snoozedUntil === "string", {
    path: ["snoozedUntil"],
    message: "is required when snoozing",
  });
export type UpdateConversationBody = z.infer<typeof UpdateConversationBody>;

export const LIST_STATUS = [...CONVERSATION_STATUSES, "all"] as const;


export const ListConversationsQuery = PageQuery.extend({
  status: z.enum(LIST_STATUS).default("open"),
  sort: z.enum(CONVERSATION_SORTS).default("newest"),
  inboxId: Id.optional(),
  assigneeId: z.union([z.literal("me"), z.literal("none"), Id]).optional(),
  teamId: Id.optional(),
  contactId: Id.optional(),
  tag: text(50).optional(),
  priority: z.enum(PRIORITIES).optional(),
});
export type ListConversationsQuery = z.infer<typeof ListConversationsQuery>;


/** The filters that narrow every view (and its count). */
export const ConversationFilters = ListConversationsQuery.pick({ inboxId: true, teamId: true, tag: true, priority: true });
export type ConversationFilters = z.infer<typeof ConversationFilters>;

/** How many conversations each view holds, with the filters applied. */
export const ConversationCountsDto = z.object({
  mine: z.number().int(),
  unassigned: z.number().int(),
  all: z.number().int(),
  pending: z.number().int(),
  snoozed: z.number().int(),
  resolved: z.number().int(),
} satisfies Record<ConversationView, z.ZodNumber>);
export type ConversationCountsDto = z.infer<typeof ConversationCountsDto>;
