import { rule } from "../errors.js";
import { z } from "zod";
import { LOCALES } from "../enums.js";
import { Id, line, someChange, text } from "./common.js";

/** Whether the platform's time-zone database knows `name` (an IANA name such as "America/Sao_Paulo"). */
function knownTimeZone(name: string): boolean {
  // A name, not an offset: a fixed offset ignores daylight saving time.
  if (!/^[A-Za-z]/.test(name)) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** An IANA time zone, given back in its canonical spelling ("europe/prague" → "Europe/Prague"). */
export const TimeZone = line(64)
  .refine(knownTimeZone, rule("time_zone", "is not a time zone name (such as America/Sao_Paulo, Europe/Lisbon or Europe/Prague)"))
  .transform((name) => new Intl.DateTimeFormat("en", { timeZone: name }).resolvedOptions().timeZone);

/** A colour such as #1f6feb. */
export const BrandColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, rule("colour", "must be a colour such as #1f6feb")).transform((c) => c.toLowerCase());

/** A logo's address: https, or a path on this server (an uploaded article image, /help/…). */
export const LogoUrl = text(1000).refine(
  (s) => /^https:\/\/[^\s"'<>]+$/.test(s) || /^\/help\/[^\s"'<>]+$/.test(s),
  rule("logo_url", "must be an https:// address or an image uploaded to this server"),
);

export const WorkspaceDto = z.object({
  id: Id,
  name: z.string(),
  slug: z.string(),
  /** Business hours, reports and the help center count days and hours in it. */
  timeZone: z.string(),
  /** What customers and agents who have not chosen a language see. */
  defaultLocale: z.enum(LOCALES),
  /** The help center's accent colour (#rrggbb). */
  brandColor: z.string(),
  /** The help center's logo (an https address, or an image uploaded with POST /articles/images); null for the name alone. */
  logoUrl: z.string().nullable(),
  /** The public help center's address on this server: /help/<slug>. */
  helpCenterUrl: z.string(),
});
export type WorkspaceDto = z.infer<typeof WorkspaceDto>;

export const UpdateWorkspaceBody = someChange(
  z
    .object({
      name: line(100),
      timeZone: TimeZone,
      defaultLocale: z.enum(LOCALES),
      brandColor: BrandColor,
      logoUrl: LogoUrl.nullable(),
    })
    .partial(),
);
export type UpdateWorkspaceBody = z.infer<typeof UpdateWorkspaceBody>;
