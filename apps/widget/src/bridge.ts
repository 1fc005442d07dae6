/** What the host page's loader and the chat frame say to each other (window.postMessage, origin-checked). */

/** A signed-in user of the site: `hash` signs the id; the e-mail counts only with `emailHash`, which signs `<id>\n<email>` (README). */
export type VisitorUser = { id: string; name?: string | undefined; email?: string | undefined; hash: string; emailHash?: string | undefined };

/** A file uploaded and waiting to go with a message (its token is valid for a day). */
export type PendingFile = { token: string; fileName: string; contentType: string; size: number };

/** What the panel keeps between page loads: its visitor token and the messages not sent yet. */
export type SavedState = { visitor: string | null; outbox: { clientId: string; body: string; files?: PendingFile[] }[] };

/** Loader → frame. */
export type WidgetCommand =
  /** Sent first: what the panel saved on this site before (kept in the site's storage, as browsers partition or block a frame's own). */
  | { type: "restore"; state: SavedState }
  | { type: "open" }
  | { type: "close" }
  | { type: "identify"; user: VisitorUser }
  | { type: "context"; context: { page: string; pageTitle: string } }
  | { type: "attributes"; attributes: Record<string, string | number | boolean | null> };

/** Frame → loader. */
export type WidgetNotice =
  | { type: "ready"; labels: { open: string; close: string } }
  | { type: "style"; color: string; position: "left" | "right" }
  /** The visitor has a conversation: later page loads preload the panel to hear replies. */
  | { type: "active" }
  | { type: "unread"; count: number }
  | { type: "save"; state: SavedState }
  /** The visitor closed the panel from inside (Escape or the close button). */
  | { type: "close" }
  | { type: "message"; message: unknown };

/** `window.Atende`, for sites that integrate deeper. */
export type WidgetApi = {
  open(): void;
  close(): void;
  identify(user: VisitorUser): void;
  setAttributes(attributes: Record<string, string | number | boolean | null>): void;
  on(event: "message", listener: (message: unknown) => void): void;
};
