import { rule } from "../errors.js";
import { z } from "zod";

/** Opaque resource id (UUID). */
export const Id = z.uuid();

/** Text that PostgreSQL can store: well-formed Unicode without NUL characters. */
export function text(max: number) {
  return z
    .string()
    .max(max, `must be at most ${String(max)} characters`)
    .refine((s) => s.isWellFormed(), rule("unicode", "must be valid Unicode"))
    .refine((s) => !s.includes("\u0000"), rule("nul", "must not contain NUL characters"));
}

/**
 * Characters that show nothing (zero-width space, word joiner, soft hyphen, byte-order mark) or turn
 * the text around it (direction marks and overrides): a name with them looks like another, or
 * reads backwards. Joiners that make emoji and some scripts (U+200C, U+200D) stay.
 */
const INVISIBLE = /[\u00AD\u180E\u200B\u200E\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/g;

/** Control characters (line breaks, tabs, escapes, the line and paragraph separators): no line has them. */
// eslint-disable-next-line no-control-regex -- control characters are what it finds
const CONTROL = /[\u0001-\u001F\u007F-\u009F\u2028\u2029]/; // NUL has a rule of its own (text); U+2028/9 break lines too
/** A run of them, with the spaces around it: one space in a line. */
const LINE_BREAKS = new RegExp(`\\s*${CONTROL.source}+\\s*`, "g");

/**
 * A required line kept as typed but for its ends: what another server reads (a host, a mailbox's
 * name), where a control character would be read as something else, so it is refused.
 */
export const exactLine = (max = 200) =>
  text(max)
    .refine((s) => !CONTROL.test(s), rule("control", "must be one line, without line breaks, tabs or other control characters"))
    .transform((s) => s.trim())
    .pipe(z.string().min(1, "must not be empty"));

/**
 * A line of text as it looks: in one Unicode form (NFC: "é" typed as one character or as "e" and
 * an accent is one name), without invisible characters, so two names that look alike are the same
 * name, on one line (a line break or tab is a space), and trimmed.
 */
export const oneLine = (s: string) => s.normalize("NFC").replace(INVISIBLE, "").replace(LINE_BREAKS, " ").trim();

/** Text made one line (see {@link oneLine}), possibly empty: a name or subject a client may leave out. */
export const lineText = (max: number) => text(max).transform(oneLine);

/** A required line of text such as a name (see {@link oneLine}). */
export const line = (max = 200) => lineText(max).pipe(z.string().min(1, "must not be empty"));

/** A line that may be left empty (see {@link oneLine}): nothing but spaces is no text at all (null). */
export function optionalLine(max: number) {
  return lineText(max).transform((s) => s || null);
}

/** Text that must say something (a body): kept as written, but nothing but spaces is refused. */
export function filledText(max: number) {
  return text(max).refine((s) => s.trim() !== "", rule("required", "must not be empty"));
}

/** How many custom attributes a contact may hold, and how large they may be together (as JSON). */
export const CUSTOM_ATTRIBUTES_MAX = 100;
export const CUSTOM_ATTRIBUTES_MAX_BYTES = 32 * 1024;

/** Custom attributes as a change sends them: names and texts PostgreSQL can store, `null` to remove one. */
export const CustomAttributes = z
  .record(text(100).pipe(z.string().min(1, "must not be empty")), z.union([text(2000), z.number(), z.boolean(), z.null()]))
  .refine((r) => Object.keys(r).length <= CUSTOM_ATTRIBUTES_MAX, `must have at most ${String(CUSTOM_ATTRIBUTES_MAX)} attributes`)
  .refine(
    (r) => new TextEncoder().encode(JSON.stringify(r)).length <= CUSTOM_ATTRIBUTES_MAX_BYTES,
    `must be at most ${String(CUSTOM_ATTRIBUTES_MAX_BYTES / 1024)} KiB together`,
  );

/** A change (a PATCH body) changes something: `{}` is refused naming the body, never sent to the database. */
export function someChange<T extends z.ZodType<Record<string, unknown>>>(schema: T) {
  return schema.refine((body) => Object.values(body).some((value) => value !== undefined), rule("no_change", "send at least one field to change"));
}

/**
 * An e-mail address as browsers check one (HTML's `type=email`): every character RFC 5322 allows
 * before the `@` unquoted, and any domain, punycode included; mail names people by it.
 */
export const Email = z
  .email({ pattern: z.regexes.html5Email, message: rule("email", "must be an e-mail address") })
  .max(320)
  .transform((s) => s.toLowerCase());

export const Timestamp = z.iso.datetime({ offset: true, abort: true }); // a date that is no date is told only that

/**
 * A moment a client sends (a filter's bound, a snooze's end): ISO 8601 with its offset, from 1970 on.
 * An ISO date may name year 0, which PostgreSQL has no place for; nothing here is older than 1970.
 */
export const TimestampInput = Timestamp.refine((s) => Date.parse(s) >= 0, rule("timestamp_range", "must be 1970 or later"));

/**
 * Where a client's live connection resumes from when it first connects: the moment the answer that
 * carries it was made, as the lowest event id from then on. What happened between the client's
 * reads and its connection is then replayed, not missed.
 */
export const EventCursor = Id.describe("Send as `after` in the live connection's first resume: events from this answer on are replayed");

export const Limit = z.coerce.number().int().min(1).max(100).default(25);

export const PageQuery = z.object({
  cursor: z.string().max(512).optional(),
  limit: Limit,
});

/** A cursor-paginated list: `{ items, nextCursor }`. */
export function page<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

export const AgentSummary = z.object({ id: Id, name: z.string(), email: z.string() });
export type AgentSummary = z.infer<typeof AgentSummary>;

/** Zone names the platform knows, by their lower case (names are read without regard to case): a few hundred at most, each looked up once. */
const canonicalZones = new Map<string, string>();

/**
 * The canonical spelling of a time zone the platform's database knows (an IANA name such as
 * "America/Sao_Paulo"), or null. A name, not an offset: a fixed offset ignores daylight saving time.
 */
function canonicalTimeZone(name: string): string | null {
  const key = name.toLowerCase();
  const known = canonicalZones.get(key);
  if (known !== undefined) return known;
  if (!/^[A-Za-z]/.test(name)) return null;
  try {
    const canonical = new Intl.DateTimeFormat("en", { timeZone: name }).resolvedOptions().timeZone;
    canonicalZones.set(key, canonical); // only names the database knows, in one case: the map stays small
    return canonical;
  } catch {
    return null;
  }
}

/**
 * An IANA time zone, given back in its canonical spelling ("europe/prague" → "Europe/Prague"). The
 * canonical name, not the one written: PostgreSQL reads the zone too (a workspace's "today"), and
 * knows every canonical name, but not every alias ICU takes ("AET"), nor each the same way ("IST").
 */
export const TimeZone = line(64)
  .refine((name) => canonicalTimeZone(name) !== null, rule("time_zone", "is not a time zone name (such as America/Sao_Paulo, Europe/Lisbon or Europe/Prague)"))
  .transform((name) => canonicalTimeZone(name) ?? name);
