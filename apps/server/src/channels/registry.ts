import { CHANNELS, type ChannelKind, type ChannelTraits, type CreateInboxBody } from "@atende/shared";
import type { Ctx } from "../core/context.js";
import { createChatChannel } from "./chat/inbox.js";
import { createEmailChannel } from "./email/inbox.js";

/**
 * A channel as the server drives it: its traits (how a contact is identified, how a reply is
 * delivered, what it supports, shared with the web app and the widget) and what it does itself.
 * The `api` channel's outbound path (a webhook to the bridge) is the automation issue's to add here.
 */
export type ChannelAdapter = ChannelTraits & {
  /** Sets up the channel's own rows for a new inbox of this kind, in its transaction. */
  setUpInbox(ctx: Ctx, inboxId: string, body: CreateInboxBody): Promise<void>;
};

export const CHANNEL_ADAPTERS: { readonly [K in ChannelKind]: ChannelAdapter } = {
  email: { ...CHANNELS.email, setUpInbox: createEmailChannel },
  chat: { ...CHANNELS.chat, setUpInbox: createChatChannel },
  api: { ...CHANNELS.api, setUpInbox: async () => undefined },
};
