import { createFileStore, type FileStore, type StoredFile } from "../../files/file-store.js";
import { parseEmail, type ParsedEmail } from "./parse.js";

/** A message to parse: its source already in the file store, or in memory (small mail) for the worker to store first. */
export type ParseTask = { filesRoot: string; envelopeFrom: string | undefined } & ({ original: StoredFile } | { source: Uint8Array });

/** The parsed message and where its source is kept. */
export type ParseResult = { original: StoredFile; mail: ParsedEmail };

/** This thread's file store, which remembers the folders it has made. */
const stores = new Map<string, FileStore>();

/**
 * Parses one received e-mail on a worker thread (see parser-pool.ts): the main thread never waits on
 * a message's HTML, nor on the writes that keep a small message's source.
 */
export default async function parse(task: ParseTask): Promise<ParseResult> {
  let files = stores.get(task.filesRoot);
  if (!files) stores.set(task.filesRoot, (files = createFileStore(task.filesRoot)));
  if ("original" in task) return { original: task.original, mail: await parseEmail(files, task.original, task.envelopeFrom) };
  const original = files.putSync(task.source);
  return { original, mail: await parseEmail(files, original, task.envelopeFrom, task.source) };
}
