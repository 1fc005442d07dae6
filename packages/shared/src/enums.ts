/** Closed vocabularies shared by the database, the API and the clients. */
export const AGENT_ROLES = ["admin", "supervisor", "agent"] as const;
export type AgentRole = (typeof AGENT_ROLES)[number];

export const AVAILABILITIES = ["online", "away", "offline"] as const;
export type Availability = (typeof AVAILABILITIES)[number];

export const CHANNEL_KINDS = ["email", "chat", "api"] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

export const CONVERSATION_STATUSES = ["open", "pending", "snoozed", "resolved"] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];

export const PRIORITIES = ["low", "normal", "high", "urgent"] as const;
export type Priority = (typeof PRIORITIES)[number];

export const MESSAGE_DIRECTIONS = ["incoming", "outgoing"] as const;
export type MessageDirection = (typeof MESSAGE_DIRECTIONS)[number];

export const MESSAGE_KINDS = ["reply", "note", "activity"] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

export const SENDER_TYPES = ["contact", "agent", "bot", "system"] as const;
export type SenderType = (typeof SENDER_TYPES)[number];

export const DELIVERY_STATUSES = ["pending", "sent", "delivered", "read", "failed"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * Why a reply was not delivered, or why an inbox cannot read its mailbox: the mail server could not
 * be reached; it is on a private network the installation keeps workspaces out of; it answered with
 * a refusal (its answer is the error's text); the recipient's server returned it later; the inbox
 * has no outgoing server; the contact has no address.
 */
export const MAIL_FAILURES = ["unreachable", "private_network", "refused", "bounced", "no_smtp", "no_address", "bad_answer"] as const;
export type MailFailure = (typeof MAIL_FAILURES)[number];

/** What an agent is told of: a teammate's @mention, a conversation assigned to them, a customer's new message in one of theirs. */
export const NOTIFICATION_KINDS = ["mention", "assigned", "message"] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const LOCALES = ["en", "pt-BR", "cs"] as const;
export type Locale = (typeof LOCALES)[number];

export const ACTOR_TYPES = ["agent", "contact", "bot", "automation", "system"] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];

/** What a file on a message is: an attachment, an image shown inside the HTML (cid:), or the e-mail's original source. */
export const ATTACHMENT_DISPOSITIONS = ["attachment", "inline", "original"] as const;
export type AttachmentDisposition = (typeof ATTACHMENT_DISPOSITIONS)[number];

/**
 * How a list is ordered: `newest` activity first (the default), `oldest` first, `waiting` (the
 * customer who has waited longest first; nobody waiting last), `priority` (urgent first, then newest).
 */
export const CONVERSATION_SORTS = ["newest", "oldest", "waiting", "priority"] as const;
export type ConversationSort = (typeof CONVERSATION_SORTS)[number];

/** The inbox's views: what each lists, as a conversation query. */
export const CONVERSATION_VIEWS = {
  mine: { status: "open", assigneeId: "me" },
  unassigned: { status: "open", assigneeId: "none" },
  all: { status: "open" },
  pending: { status: "pending" },
  snoozed: { status: "snoozed" },
  resolved: { status: "resolved" },
} as const satisfies Record<string, { status: ConversationStatus; assigneeId?: "me" | "none" }>;
export type ConversationView = keyof typeof CONVERSATION_VIEWS;

/** A knowledge-base article's translation: a draft (agents only) or published. */
export const ARTICLE_STATUSES = ["draft", "published"] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

/** Who may read an article: anyone (help center, widget, bot) or the team only. */
export const ARTICLE_VISIBILITIES = ["public", "internal"] as const;
export type ArticleVisibility = (typeof ARTICLE_VISIBILITIES)[number];
