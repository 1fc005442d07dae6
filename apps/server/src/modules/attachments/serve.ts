import { create as contentDisposition } from "content-disposition";
import type { FastifyReply, FastifyRequest } from "fastify";
import { safeFileName } from "@atende/shared";
import type { FileStore } from "../../files/file-store.js";

/** A file as served; `size` null when not known (then sent chunked). */
export type ServedFile = { sha256: string; size: number | null; fileName: string; servedType: string; inline: boolean };

/**
 * Sends a file from the store, revalidated by its hash. Whatever a customer sent, it never runs as
 * a page of ours: no sniffing, and a sandbox with nothing allowed should it be opened on its own.
 */
export function sendStoredFile(
  request: FastifyRequest,
  reply: FastifyReply,
  files: FileStore,
  file: ServedFile,
  cacheControl = "private, max-age=31536000, immutable",
) {
  const etag = `"${file.sha256}"`;
  reply.header("etag", etag).header("cache-control", cacheControl);
  if (request.headers["if-none-match"] === etag) return reply.code(304).send(null);
  if (file.size !== null) reply.header("content-length", file.size);
  return reply
    .header("content-type", file.servedType)
    .header("content-disposition", contentDisposition(safeFileName(file.fileName), { type: file.inline ? "inline" : "attachment" }))
    .header("x-content-type-options", "nosniff")
    .header("content-security-policy", "sandbox; default-src 'none'")
    .send(files.open(file.sha256));
}
