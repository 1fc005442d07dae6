/**
 * Where the quoted history of a reply begins: the attribution line mail clients write before it
 * ("On … wrote:", "Em … escreveu:", "Dne … napsal(a):", Outlook's header block or separator), or a
 * trailing block of "> " lines.
 */
const SEPARATORS: RegExp[] = [
  // A line of the text is never read past its end ([^\r\n]: `^` and `$` also take \r as one), so each is read a bounded number of times.
  /^[ \t]*On\b[^\r\n]{0,300}(\r?\n[^\r\n]{0,300})?\bwrote:[ \t]*$/m,
  /^[ \t]*Em\b[^\r\n]{0,300}(\r?\n[^\r\n]{0,300})?\bescreveu:[ \t]*$/m,
  /^[ \t]*(Dne|V)\b[^\r\n]{0,300}(\r?\n[^\r\n]{0,300})?\bnapsal(a|\(a\))?:[ \t]*$/m,
  /^[ \t]*-{2,}[ \t]*(Original Message|Mensagem original|Původní zpráva|Původní e-mail)[ \t]*-{2,}/im,
  /^[ \t]*(From|De|Od):[^\r\n]+\r?\n[ \t]*(Sent|Date|Enviad[ao](?: em)?|Data|Odesláno|Datum):/m,
  /^_{10,}[ \t]*$/m,
];

/** Where the text's trailing block of "> " lines begins (at the line break before it), if it ends with one. */
function trailingQuoteStart(text: string): number | null {
  const lines = text.split("\n");
  let i = lines.length - 1;
  while (i >= 0 && (lines[i] ?? "").trim() === "") i--;
  const last = i;
  while (i > 0 && /^[ \t]*>/.test(lines[i] ?? "")) i--;
  if (i === last) return null;
  return lines.slice(0, i + 1).join("\n").length;
}

/** Splits a plain-text reply into what the sender wrote and the history it quotes (kept, folded in the UI). */
export function splitQuoted(text: string): { visible: string; quoted: string | null } {
  let cut = text.length;
  for (const separator of SEPARATORS) {
    const match = separator.exec(text);
    if (match && match.index < cut) cut = match.index;
  }
  const trailingQuote = trailingQuoteStart(text);
  if (trailingQuote !== null && trailingQuote < cut) cut = trailingQuote;
  const visible = text.slice(0, cut).trim();
  const wroteNothing = visible.split("\n").every((line) => line.trim() === "" || line.trimStart().startsWith(">"));
  if (cut >= text.length || wroteNothing) return { visible: text.trim(), quoted: null };
  return { visible, quoted: text.slice(cut).trim() };
}
