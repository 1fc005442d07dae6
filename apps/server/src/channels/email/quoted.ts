/**
 * Where the quoted history of a reply begins: the attribution line mail clients write before it
 * ("On … wrote:", "Em … escreveu:", "Dne … napsal(a):", Outlook's header block or separator), or a
 * trailing block of "> " lines.
 */
const SEPARATORS: RegExp[] = [
  /^[ \t]*On\b[^\n]{0,300}(\n[^\n]{0,300})?\bwrote:[ \t]*$/m,
  /^[ \t]*Em\b[^\n]{0,300}(\n[^\n]{0,300})?\bescreveu:[ \t]*$/m,
  /^[ \t]*(Dne|V)\b[^\n]{0,300}(\n[^\n]{0,300})?\bnapsal(a|\(a\))?:[ \t]*$/m,
  /^[ \t]*-{2,}[ \t]*(Original Message|Mensagem original|Původní zpráva|Původní e-mail)[ \t]*-{2,}/im,
  /^[ \t]*(From|De|Od):[^\n]+\n[ \t]*(Sent|Date|Enviad[ao](?: em)?|Data|Odesláno|Datum):/m,
  /^_{10,}[ \t]*$/m,
];

/** Splits a plain-text reply into what the sender wrote and the history it quotes (kept, folded in the UI). */
export function splitQuoted(text: string): { visible: string; quoted: string | null } {
  let cut = text.length;
  for (const separator of SEPARATORS) {
    const match = separator.exec(text);
    if (match && match.index < cut) cut = match.index;
  }
  const trailingQuote = /(\n[ \t]*>[^\n]*)+\s*$/.exec(text);
  if (trailingQuote && trailingQuote.index < cut) cut = trailingQuote.index;
  const visible = text.slice(0, cut).trim();
  const wroteNothing = visible.split("\n").every((line) => line.trim() === "" || line.trimStart().startsWith(">"));
  if (cut >= text.length || wroteNothing) return { visible: text.trim(), quoted: null };
  return { visible, quoted: text.slice(cut).trim() };
}
