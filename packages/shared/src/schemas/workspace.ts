import { rule } from "../errors.js";
import { z } from "zod";
import { LOCALES } from "../enums.js";
import { Id, line, someChange, text, TimeZone } from "./common.js";

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

/** A workspace's name, as the API, the CLI and the first start take it. */
export const WorkspaceName = line(100);

export const UpdateWorkspaceBody = someChange(
  z
    .object({
      name: WorkspaceName,
      timeZone: TimeZone,
      defaultLocale: z.enum(LOCALES),
      brandColor: BrandColor,
      logoUrl: LogoUrl.nullable(),
    })
    .partial(),
);
export type UpdateWorkspaceBody = z.infer<typeof UpdateWorkspaceBody>;
