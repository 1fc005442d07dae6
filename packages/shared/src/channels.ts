import type { ChannelKind } from "./enums.js";

/** What a channel is, for everything that treats conversations of different channels differently. */
export type ChannelTraits = {
  /** How a contact is known on it: by e-mail address, as a chat visitor proven by the site or a code, or by the integration's own id. */
  identifiedBy: "email_address" | "proven_visitor" | "integration_id";
  /**
   * How an agent's reply reaches the customer: `queued`, sent by a job (`pending` until the server
   * took it); `live`, on the visitor's open socket (and by e-mail if unread); `integration`, read by
   * the bridge that owns the channel (its outbound webhook comes with automation).
   */
  replyDelivery: "queued" | "live" | "integration";
  supports: {
    /** Others copied on a reply (`cc`). */
    copies: boolean;
    attachments: boolean;
    /** Each side sees the other typing. */
    typing: boolean;
    /** The customer's side tells when they have read a reply. */
    readReceipts: boolean;
  };
};

/** Every channel's traits, selected by kind: never compare channel names to decide what a channel does. */
export const CHANNELS = {
  email: {
    identifiedBy: "email_address",
    replyDelivery: "queued",
    supports: { copies: true, attachments: true, typing: false, readReceipts: false },
  },
  chat: {
    identifiedBy: "proven_visitor",
    replyDelivery: "live",
    supports: { copies: false, attachments: true, typing: true, readReceipts: true },
  },
  api: {
    identifiedBy: "integration_id",
    replyDelivery: "integration",
    supports: { copies: false, attachments: true, typing: false, readReceipts: false },
  },
} as const satisfies Record<ChannelKind, ChannelTraits>;

/** The channels whose replies a job sends. */
export const QUEUED_CHANNELS = (Object.keys(CHANNELS) as ChannelKind[]).filter((kind) => CHANNELS[kind].replyDelivery === "queued");
