/**
 * The chat widget's limits, without zod: the widget's panel imports this module alone
 * (`@atende/shared/chat-limits`) to stay small.
 */

/** A chat line, not a document. */
export const CHAT_MESSAGE_MAX = 10_000;

/** The most files one chat message carries. */
export const CHAT_ATTACHMENTS_MAX = 5;

/**
 * What a visitor may send in a chat: pictures (previewed), PDFs, plain text and office documents.
 * Nothing that runs (HTML, scripts, programs) and no archives that could hide them.
 */
export const CHAT_UPLOAD_TYPES = [
  "image/png",
  "image/jpeg",
  "image/gif",
  "image/webp",
  "application/pdf",
  "text/plain",
  "text/csv",
  "application/msword",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "application/vnd.ms-excel",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "application/vnd.oasis.opendocument.text",
  "application/vnd.oasis.opendocument.spreadsheet",
] as const;
