import { createFileStore } from "../../files/file-store.js";
import type { StoredFile } from "../../files/file-store.js";
import { parseEmail, type ParsedEmail } from "./parse.js";

export type ParseTask = { filesRoot: string; original: StoredFile; envelopeFrom: string | undefined };

/** Parses one received e-mail on a worker thread (see parser-pool.ts): the main thread never waits on a message's HTML. */
export default function parse({ filesRoot, original, envelopeFrom }: ParseTask): Promise<ParsedEmail> {
  return parseEmail(createFileStore(filesRoot), original, envelopeFrom);
}
