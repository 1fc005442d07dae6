import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import type { UploadDto } from "@atende/shared";
import type { StoredFile } from "../../files/file-store.js";
import type {} from "../../plugins/auth.js"; // request.server.runtime
import type { Config } from "../../config.js";
import { AppError } from "../../lib/app-error.js";
import { createSecretBox } from "../../lib/secret-box.js";
import type { NewAttachment } from "../messages/service.js";

/** How long an uploaded file may wait to be sent with a message. */
const UPLOAD_TTL_MS = 24 * 60 * 60 * 1000;

const Sealed = z.object({
  workspaceId: z.uuid(),
  sha256: z.string(),
  size: z.number(),
  fileName: z.string(),
  contentType: z.string(),
  at: z.number(),
});
type Sealed = z.infer<typeof Sealed>;

function box(config: Config) {
  if (!config.secretKey) throw new Error("uploads need ATENDE_SECRET_KEY"); // always set once the server has started
  return createSecretBox(config.secretKey);
}

/**
 * The token that stands for an uploaded file until a message takes it: the file's hash, name and
 * type sealed with the secret key, for one workspace, for a day. Nothing is written to the database
 * for a file that is never sent (the file store keeps the bytes; equal files share them).
 */
export function sealUpload(config: Config, upload: Omit<Sealed, "at">): string {
  return box(config).seal(JSON.stringify({ ...upload, at: Date.now() }));
}

/** The files a message's upload tokens stand for; a token of another workspace, forged or expired is refused naming it. */
export function openUploads(config: Config, workspaceId: string, tokens: string[], path: string): NewAttachment[] {
  return tokens.map((token, i) => {
    let upload: Sealed | null;
    try {
      upload = Sealed.parse(JSON.parse(box(config).open(token)));
    } catch {
      upload = null;
    }
    if (!upload || upload.workspaceId !== workspaceId || Date.now() - upload.at > UPLOAD_TTL_MS) {
      throw AppError.invalidField(`${path}.${String(i)}`, "is not an upload of this workspace from the last 24 hours; upload the file again");
    }
    return { disposition: "attachment", fileName: upload.fileName, contentType: upload.contentType, size: upload.size, sha256: upload.sha256, contentId: null };
  });
}

/** The body of an upload request: the file itself, with its type in Content-Type. */
function uploadedType(request: FastifyRequest): string {
  return (request.headers["content-type"] ?? "application/octet-stream").split(";")[0]?.trim().toLowerCase() || "application/octet-stream";
}

type UploadRules = {
  maxBytes: number;
  /** The types accepted, and what to tell someone who sent another. */
  allowed?: { types: readonly string[]; hint: string };
};

/**
 * Streams an upload's body into the file store: refused with 413 past `maxBytes` (before reading
 * when Content-Length says so) and with 415 for a type not allowed.
 */
export async function storeUpload(request: FastifyRequest, { maxBytes, allowed }: UploadRules): Promise<StoredFile & { contentType: string }> {
  const contentType = uploadedType(request);
  if (allowed && !allowed.types.includes(contentType)) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", `Files of type ${contentType} cannot be sent here; ${allowed.hint}`);
  }
  const tooLarge = new AppError("PAYLOAD_TOO_LARGE", `A file may have at most ${String(maxBytes)} bytes.`);
  if (Number(request.headers["content-length"] ?? 0) > maxBytes) throw tooLarge;
  const stored = await request.server.runtime.files.put(request.body as AsyncIterable<Buffer>, { maxBytes });
  if (!stored) throw tooLarge;
  return { ...stored, contentType };
}

/** Stores an upload and seals it as a token a message of the workspace can take (see {@link sealUpload}). */
export async function receiveUpload(
  request: FastifyRequest,
  { workspaceId, fileName, ...rules }: UploadRules & { workspaceId: string; fileName: string },
): Promise<UploadDto> {
  const { contentType, ...stored } = await storeUpload(request, rules);
  return { token: sealUpload(request.server.runtime.config, { ...stored, fileName, contentType, workspaceId }), fileName, contentType, size: stored.size };
}

/** Lets a plugin's routes take any body as a stream (uploads), never buffered or parsed. */
export function acceptRawBodies(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", (_request, payload, done) => {
    done(null, payload);
  });
}

export const UploadQuery = z.object({ fileName: z.string().trim().min(1).max(255) });
