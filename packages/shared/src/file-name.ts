/** Characters that change how text around them is shown, or show nothing: bidi controls, zero-width ones, byte-order marks. */
const INVISIBLE = /[\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
/** Control characters (C0, DEL, C1): removed. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what it removes
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
/** Characters no desktop accepts in a file name: replaced. */
const FORBIDDEN = /[<>:"|?*]/g;

/** What Windows reads as a device, whatever the extension. */
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\.|$)/i;

/** The longest name kept, in characters. */
const MAX = 200;

/**
 * A file name safe to show and to send: only its last path segment (no folders, no `..`), without
 * control, bidi or zero-width characters (nor lone surrogates) (so `invoice\u202Efdp.exe` cannot pass for a PDF), without
 * what desktops refuse (a device name of Windows gets a `_` before it), at most 200 characters
 * keeping its extension; "file" when nothing is left.
 */
export function safeFileName(name: string): string {
  const base = name.split(/[/\\]/).at(-1) ?? "";
  const cleaned = base
    .replace(INVISIBLE, "")
    .replace(CONTROL, "")
    .replace(FORBIDDEN, "_")
    .toWellFormed()
    .replace(/\s+/g, " ")
    .replace(/^[\s.]+|[\s.]+$/g, "");
  if (!cleaned) return "file";
  // Names Windows keeps for devices (`CON`, `nul.txt`, `COM1.log`): a file cannot be saved as one.
  if (WINDOWS_DEVICE.test(cleaned)) return `_${cleaned}`.slice(0, MAX);
  if (cleaned.length <= MAX) return cleaned;
  const dot = cleaned.lastIndexOf(".");
  const extension = dot > 0 && cleaned.length - dot <= 16 ? cleaned.slice(dot) : "";
  return cleaned.slice(0, MAX - extension.length) + extension;
}
