import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * The `+token` of a reply address (`suporte+42-3f9a…@loja.example`): the conversation's number and
 * 80 bits of an HMAC, with the workspace's signing key, of the inbox the address belongs to and the
 * conversation. Knowing a conversation's number or id is not enough to write into it, and a token
 * counts only at the address it was given for.
 */
const TOKEN = /^(\d{1,10})-([0-9a-f]{20})$/;

function signature(key: string, inboxId: string, conversationId: string): string {
  return createHmac("sha256", key).update(`${inboxId}:${conversationId}`).digest("hex").slice(0, 20);
}

/** The token a reply sent from `inboxId`'s address carries for a conversation. */
export function replyToken(key: string, inboxId: string, conversation: { id: string; number: number }): string {
  return `${String(conversation.number)}-${signature(key, inboxId, conversation.id)}`;
}

/** The conversation number a token names, and its signature; null for anything else (old or made-up tokens). */
export function readReplyToken(token: string): { number: number; signature: string } | null {
  const match = TOKEN.exec(token);
  return match?.[1] && match[2] ? { number: Number(match[1]), signature: match[2] } : null;
}

/** Whether a token's signature is the one this inbox gave for this conversation. */
export function replyTokenMatches(key: string, inboxId: string, conversationId: string, given: string): boolean {
  const expected = Buffer.from(signature(key, inboxId, conversationId));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
