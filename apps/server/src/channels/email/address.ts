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

/** `suporte@loja.example` + token → `suporte+<token>@loja.example`, the inverse of {@link splitRecipient}. */
export function replyAddress(address: string, token: string): string {
  const at = address.lastIndexOf("@");
  return `${address.slice(0, at)}+${token}${address.slice(at)}`;
}

/** Message-IDs in In-Reply-To / References, without angle brackets, newest first. */
export function referencedIds(inReplyTo: string | undefined, references: string | string[] | undefined): string[] {
  const ids = (value: string) =>
    (value.match(/<[^<>\s]+>/g) ?? [value]).map((id) => id.replace(/^<|>$/g, "").trim()).filter(Boolean);
  const refs = (Array.isArray(references) ? references : references ? [references] : []).flatMap(ids);
  return [...new Set([...(inReplyTo ? ids(inReplyTo) : []), ...refs.reverse()])];
}
