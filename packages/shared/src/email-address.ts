import type { EmailDetailsDto } from "./schemas/message.js";

/** `Support+Token@Example.com` → `{ address: "support@example.com", token: "token" }`. */
export function splitRecipient(recipient: string): { address: string; token: string | null } {
  const lower = recipient.trim().toLowerCase();
  const at = lower.lastIndexOf("@");
  if (at < 1) return { address: lower, token: null };
  const local = lower.slice(0, at);
  const plus = local.indexOf("+");
  if (plus < 0) return { address: lower, token: null };
  return { address: `${local.slice(0, plus)}${lower.slice(at)}`, token: local.slice(plus + 1) || null };
}

/**
 * Who a reply goes to besides the customer when the agent leaves the copies as they are (reply all):
 * everyone the customer's last mail was to or copied to, but the inbox itself and the customer.
 */
export function replyAllCopies(email: Pick<EmailDetailsDto, "to" | "cc"> | null | undefined, inbox: string, customer: string): string[] {
  const others = [...(email?.to ?? []), ...(email?.cc ?? [])].filter((a) => splitRecipient(a).address !== inbox && a !== customer);
  return [...new Set(others)];
}

/** "Ana Lima <ana@x.example>" as its name and address; anything else as an address alone. */
export function nameAndAddress(text: string): { email: string; name: string | undefined } {
  const trimmed = text.trim();
  const open = trimmed.lastIndexOf("<");
  const address = trimmed.slice(open + 1, -1);
  if (open < 0 || !trimmed.endsWith(">") || address === "" || address.includes(">")) return { email: trimmed, name: undefined };
  return { email: address.trim(), name: trimmed.slice(0, open).trim() };
}
