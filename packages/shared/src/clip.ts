/**
 * The first `max` UTF-16 units of a text, never half a character: an emoji or another character
 * outside the Basic Multilingual Plane (a surrogate pair) is kept whole or left out, where
 * `slice` would leave a lone surrogate that JSON parsers refuse and screens show as "�".
 */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const last = text.charCodeAt(max - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? max - 1 : max);
}
