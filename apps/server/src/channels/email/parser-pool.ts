import { availableParallelism } from "node:os";
import { Readable } from "node:stream";
import { Piscina } from "piscina";
import type { Runtime } from "../../core/context.js";
import type { FileStore, StoredFile } from "../../files/file-store.js";
import type { ParseResult, ParseTask } from "./parse-worker.js";
import { unreadableEmail } from "./parse.js";

/** Parses received mail off the main thread. */
export type MailParser = {
  /**
   * The mail whose source is in the file store, or in memory (which the worker stores first), parsed
   * on a worker thread within the time budget; past it (or should the worker fail) it is kept as
   * unreadable, never refused.
   */
  parse(source: StoredFile | Uint8Array, envelopeFrom: string | undefined): Promise<ParseResult>;
  close(): Promise<void>;
};

/**
 * A pool of worker threads sized to the machine (one core stays for the server itself, but two
 * threads at least), started on
 * first use, so that a hostile message (HTML 100,000 elements deep, a huge header) costs a worker
 * and never the health checks, sockets and requests of the main thread.
 */
export function createMailParser(opts: { files: FileStore; filesRoot: string; budgetMs: number; onSlow: (err: unknown) => void }): MailParser {
  let pool: Piscina | null = null;
  const start = () =>
    (pool ??= new Piscina({
      filename: new URL("./parse-worker.ts", import.meta.url).href,
      // The workers run the TypeScript sources too, through the same loader as the process.
      execArgv: ["--import", import.meta.resolve("tsx")],
      minThreads: 1,
      // Two at least, so that one slow message never holds up the others.
      maxThreads: Math.max(2, Math.min(4, availableParallelism() - 1)),
      idleTimeout: 60_000,
      // Below the main thread: health checks, sockets and requests go first when the cores are busy.
      niceIncrement: 10,
    }));
  return {
    async parse(source, envelopeFrom) {
      const task: ParseTask = { filesRoot: opts.filesRoot, envelopeFrom, ...(source instanceof Uint8Array ? { source } : { original: source }) };
      try {
        return (await start().run(task, { signal: AbortSignal.timeout(opts.budgetMs) })) as ParseResult; // what parse-worker.ts returns
      } catch (err) {
        opts.onSlow(err);
        const original = source instanceof Uint8Array ? await opts.files.put(Readable.from([source])) : source;
        if (!original) throw new Error("a file store with no size limit kept nothing", { cause: err }); // put answers null only past maxBytes
        return { original, mail: await unreadableEmail(opts.files, original, envelopeFrom) };
      }
    },
    async close() {
      await pool?.destroy();
      pool = null;
    },
  };
}

const parsers = new WeakMap<Runtime, MailParser>();

/** The runtime's mail parser: its worker pool starts with the first message. */
export function mailParser(runtime: Runtime): MailParser {
  let parser = parsers.get(runtime);
  if (!parser) {
    parser = createMailParser({
      files: runtime.files,
      filesRoot: runtime.files.root,
      budgetMs: runtime.config.mailParseMs,
      onSlow: (err) => {
        runtime.log.warn({ err, module: "mail" }, "a received message took too long to read or broke its reader; kept as unreadable");
      },
    });
    parsers.set(runtime, parser);
  }
  return parser;
}

/** Stops the runtime's parser threads. */
export async function closeMailParser(runtime: Runtime): Promise<void> {
  await parsers.get(runtime)?.close();
  parsers.delete(runtime);
}
