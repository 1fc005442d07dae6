/** `suporte@loja.example` + token → `suporte+<token>@loja.example`, the inverse of `splitRecipient` (in the shared package). */
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
