import type { FastifyInstance, FastifyRequest } from "fastify";
import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import { v7 as uuidv7 } from "uuid";
import { z } from "zod";
import { safeFileName, text, type UploadDto } from "@atende/shared";
import type { StoredFile } from "../../files/file-store.js";
import type {} from "../../plugins/auth.js"; // request.server.runtime
import type { Config } from "../../config.js";
import { AppError } from "../../lib/app-error.js";
import { createSecretBox } from "../../lib/secret-box.js";
import type { NewAttachment } from "../messages/service.js";
import type { Ctx } from "../../core/context.js";
import type { Executor, Transact } from "../../db/client.js";
import { holdNamedLock } from "../../db/named-lock.js";
import { rowsOf } from "../../db/rows.js";
import { uploads } from "../../db/schema/index.js";

/** How long an uploaded file may wait to be sent with a message. */
export const UPLOAD_TTL_MS = 24 * 60 * 60 * 1000;

const Sealed = z.object({
  uploadId: z.uuid(),
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
 * The token that stands for an uploaded file until a message takes it: its upload row, the file's
 * hash, name and type sealed with the secret key, for one workspace, for a day.
 */
function sealUpload(config: Config, upload: Omit<Sealed, "at">): string {
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
      throw AppError.invalidField(`${path}.${String(i)}`, "is not an upload of this workspace from the last 24 hours; upload the file again", "upload_expired");
    }
    return {
      disposition: "attachment",
      fileName: upload.fileName,
      contentType: upload.contentType,
      size: upload.size,
      sha256: upload.sha256,
      contentId: null,
      uploadId: upload.uploadId,
    };
  });
}

/** The upload rows a message's files came from: sent now, they no longer count as waiting. */
export async function markUploadsSent(ctx: Ctx, files: readonly NewAttachment[]): Promise<void> {
  const ids = files.flatMap((f) => (f.uploadId ? [f.uploadId] : []));
  if (ids.length > 0) await ctx.tx.delete(uploads).where(and(eq(uploads.workspaceId, ctx.actor.workspaceId), inArray(uploads.id, ids)));
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
 * The first bytes of each kind of picture: a file sent as one must begin with them, or it would be
 * kept and shown as a picture that no browser can draw.
 */
const PICTURE_SIGNATURES: Record<string, (head: Buffer) => boolean> = {
  "image/png": (head) => head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  "image/jpeg": (head) => head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff,
  "image/gif": (head) => ["GIF87a", "GIF89a"].includes(head.subarray(0, 6).toString("latin1")),
  "image/webp": (head) => head.subarray(0, 4).toString("latin1") === "RIFF" && head.subarray(8, 12).toString("latin1") === "WEBP",
};
const HEAD_BYTES = 12;

/** The body as it streams to the store, its first HEAD_BYTES kept in `head`; none when the request had no body. */
async function* keepingHead(body: unknown, head: Buffer[]): AsyncIterable<Buffer> {
  if (body === undefined || body === null) return;
  let kept = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    if (kept < HEAD_BYTES) {
      head.push(chunk.subarray(0, HEAD_BYTES - kept));
      kept += Math.min(chunk.length, HEAD_BYTES - kept);
    }
    yield chunk;
  }
}

/**
 * Streams an upload's body into the file store: refused with 413 past `maxBytes` (before reading
 * when Content-Length says so), with 415 for a type not allowed or a picture whose bytes are not
 * of its type, and with 422 naming `body` when it is empty. `tooMuch` is what to say when the limit that stopped
 * it is not the file's size but what its sender may still upload.
 */
export async function storeUpload(
  request: FastifyRequest,
  { maxBytes, allowed }: UploadRules,
  room?: { bytes: number; tooMuch: () => AppError },
): Promise<StoredFile & { contentType: string }> {
  const contentType = uploadedType(request);
  if (allowed && !allowed.types.includes(contentType)) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", `Files of type ${contentType} cannot be sent here; ${allowed.hint}`);
  }
  const tooLarge = new AppError("PAYLOAD_TOO_LARGE", `A file may have at most ${String(maxBytes)} bytes.`);
  const declared = Number(request.headers["content-length"] ?? 0);
  if (declared > maxBytes) throw tooLarge;
  if (room && declared > room.bytes) throw room.tooMuch();
  // Never more on disk than the sender may hold: past it, the rest is read and dropped.
  const limit = Math.min(maxBytes, room?.bytes ?? Infinity);
  const head: Buffer[] = [];
  const stored = await request.server.runtime.files.put(keepingHead(request.body, head), { maxBytes: limit });
  if (!stored) throw room && limit < maxBytes ? room.tooMuch() : tooLarge;
  // What was stored and refused here goes with the file sweep, as any file no row holds.
  if (stored.size === 0) throw AppError.invalidField("body", "is empty; send the file's bytes as the request body", "required");
  if (PICTURE_SIGNATURES[contentType]?.(Buffer.concat(head)) === false) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", `The file is not a ${contentType} picture: its bytes are of another kind. Send it with its own Content-Type.`);
  }
  return { ...stored, contentType };
}

/** Who sends an upload: a chat visitor or an agent of a workspace, from an address. */
export type Uploader = { workspaceId: string; visitorId: string | null; agentId: string | null; ip: string };

/** Bytes one visitor, one address and one workspace may hold in uploads not sent yet. */
export type UploadQuota = { perVisitor: number; perAddress: number; perWorkspace: number };

const waiting = (which: SQL) => sql`(SELECT coalesce(sum(${uploads.size}), 0) FROM ${uploads} WHERE ${which} AND ${uploads.expiresAt} > now())`;

/** How many more bytes this uploader may hold unsent: the least of their visitor's, address's and workspace's room. */
async function roomLeft(db: Executor, who: Uploader, quota: UploadQuota): Promise<number> {
  const [row] = rowsOf<{ visitor: string; ip: string; workspace: string }>(
    await db.execute(sql`SELECT ${who.visitorId ? waiting(eq(uploads.visitorId, who.visitorId)) : sql`0`} AS visitor,
      ${waiting(eq(uploads.ip, who.ip))} AS ip, ${waiting(eq(uploads.workspaceId, who.workspaceId))} AS workspace`),
  );
  const used = (value: string | undefined) => Number(value ?? 0);
  return Math.max(
    0,
    Math.min(
      who.visitorId ? quota.perVisitor - used(row?.visitor) : Infinity,
      quota.perAddress - used(row?.ip),
      quota.perWorkspace - used(row?.workspace),
    ),
  );
}

/**
 * Records an upload only while its sender stays within the quota; null when it does not fit. Uploads
 * from one address, and to one workspace, are counted one at a time (two at once cannot both take
 * the last room): the address's lock, then the workspace's, always in that order.
 */
async function recordUpload(transaction: Transact, who: Uploader, quota: UploadQuota, file: StoredFile): Promise<string | null> {
  return transaction(async (tx) => {
    await holdNamedLock(tx, `upload-address:${who.ip}`);
    await holdNamedLock(tx, `upload-workspace:${who.workspaceId}`);
    const rows = rowsOf<{ id: string }>(
      await tx.execute(sql`
        INSERT INTO ${uploads} (id, workspace_id, sha256, size, visitor_id, agent_id, ip, expires_at)
        SELECT ${uuidv7()}, ${who.workspaceId}, ${file.sha256}, ${file.size}, ${who.visitorId}, ${who.agentId}, ${who.ip}, ${new Date(Date.now() + UPLOAD_TTL_MS)}
        WHERE ${who.visitorId ? sql`${waiting(eq(uploads.visitorId, who.visitorId))} + ${file.size} <= ${quota.perVisitor}` : sql`true`}
          AND ${waiting(eq(uploads.ip, who.ip))} + ${file.size} <= ${quota.perAddress}
          AND ${waiting(eq(uploads.workspaceId, who.workspaceId))} + ${file.size} <= ${quota.perWorkspace}
        RETURNING id`),
    );
    return rows[0]?.id ?? null;
  });
}

/**
 * Stores an upload and seals it as a token a message of the workspace can take (see {@link sealUpload}),
 * within what its sender may hold unsent (429 past it: send what waits, or let it expire).
 */
export async function receiveUpload(
  request: FastifyRequest,
  { uploader, fileName, ...rules }: UploadRules & { uploader: Uploader; fileName: string },
): Promise<UploadDto> {
  const { db, config } = request.server.runtime;
  const quota = config.uploadQuota;
  const tooMuch = () =>
    new AppError(
      "RATE_LIMITED",
      "Too many files are waiting to be sent from here; send them with a message, or wait until they expire (after 24 hours).",
    );
  const { contentType, ...stored } = await storeUpload(request, rules, { bytes: await roomLeft(db, uploader, quota), tooMuch });
  const uploadId = await recordUpload(request.server.runtime.transaction, uploader, quota, stored);
  if (!uploadId) throw tooMuch(); // the bytes go with the next sweep, unless something else has them
  const name = safeFileName(fileName);
  return {
    token: sealUpload(config, { ...stored, uploadId, fileName: name, contentType, workspaceId: uploader.workspaceId }),
    fileName: name,
    contentType,
    size: stored.size,
  };
}

/** Lets a plugin's routes take any body as a stream (uploads), never buffered or parsed. */
export function acceptRawBodies(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", (_request, payload, done) => {
    done(null, payload);
  });
}

export const UploadQuery = z.object({ fileName: text(255).transform((s) => s.trim()).pipe(z.string().min(1, "must not be empty")) });
