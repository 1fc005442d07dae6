import { z } from "zod";
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
