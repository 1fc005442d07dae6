import { z } from "zod";
import { text } from "./common.js";

/** A site allowed to embed a widget: scheme, host and port, as browsers send it in `Origin`. */
export const WebOrigin = z
  .string()
  .max(300)
  .refine((s) => {
    try {
      const url = new URL(s);
      return (url.protocol === "https:" || url.protocol === "http:") && url.origin === s;
    } catch {
      return false;
    }
  }, "must be an origin such as https://loja.example (scheme, host and port only)");

/** How a chat inbox's widget looks and behaves. */
export const WidgetSettings = z.object({
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, "must be a colour such as #1f6feb"),
  /** Shown when the panel opens; null for the translated default. */
  greeting: text(500).nullable(),
  position: z.enum(["right", "left"]),
  /** Whether the visitor is asked for name and e-mail before writing. */
  preChat: z.enum(["off", "optional", "required"]),
  /** Shown while no agent is online (outside business hours); null for the translated default. */
  awayMessage: text(500).nullable(),
});
export type WidgetSettings = z.infer<typeof WidgetSettings>;

/** What a new chat inbox's widget starts with; a create or update gives only what it changes. */
export const DEFAULT_WIDGET_SETTINGS: WidgetSettings = {
  color: "#1f6feb",
  greeting: null,
  position: "right",
  preChat: "off",
  awayMessage: null,
};

export type ChatSettings = WidgetSettings & {
  /** Sites that may embed the widget; empty allows any. */
  allowedOrigins: string[];
};

/** Where a visitor is, as the widget reports it: shown to agents beside the conversation. */
export const VisitorContext = z.object({
  page: z.string().max(2000).nullable().default(null),
  pageTitle: z.string().max(300).nullable().default(null),
  userAgent: z.string().max(500).nullable().default(null),
  language: z.string().max(35).nullable().default(null),
  timeZone: z.string().max(64).nullable().default(null),
});
export type VisitorContext = z.infer<typeof VisitorContext>;
