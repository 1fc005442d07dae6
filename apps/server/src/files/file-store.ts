import { createHash, randomUUID } from "node:crypto";
import { closeSync, createReadStream, createWriteStream, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync, type ReadStream } from "node:fs";
import { mkdir, readdir, rename, rm, stat, unlink } from "node:fs/promises";
import { once } from "node:events";
import { dirname, join, resolve } from "node:path";
import type { Readable } from "node:stream";

export type StoredFile = { sha256: string; size: number };

/**
 * Files by content: each is kept once under its SHA-256 (`ab/cd/abcd…`), whatever the number of
 * messages it is on; which workspace may read it is the attachment rows' business. A file is written
 * to a temporary name, flushed to disk, then renamed, so a crash never leaves a half-written file
 * under a real name. An S3-compatible store can stand behind the same interface later.
 */
export type FileStore = {
  /** The folder the files are in (worker threads open them by path). */
  root: string;
  /**
   * Stores what `source` yields and resolves once it is on disk. Past `maxBytes` the rest is read
   * and discarded (a sender must be able to finish) and nothing is kept: resolves `null`.
   */
  put(source: AsyncIterable<Buffer> | Readable, opts?: { maxBytes?: number }): Promise<StoredFile | null>;
  /**
   * Stores bytes already in memory with blocking calls: for a worker thread (the mail parser's),
   * where it spares the main thread's event loop and the I/O threads a request for each step.
   */
  putSync(bytes: Uint8Array): StoredFile;
  open(sha256: string, range?: { start: number; end: number }): ReadStream;
  exists(sha256: string): Promise<boolean>;
  /** Every stored file, with its size and when it was last written. */
  list(): AsyncIterable<StoredEntry>;
  /**
   * Deletes a file unless it was written after `notAfter` (a new upload of the same bytes may have
   * just put it back); true when it is gone. Half-written temporary files older than that go too.
   */
  remove(sha256: string, notAfter: Date): Promise<boolean>;
  /** Deletes temporary files (of writes that never finished) last touched before `notAfter`. */
  removeTemporary(notAfter: Date): Promise<number>;
  /** What the store held when last measured on this process (null before); `measure` walks it now. */
  usage(): FileStoreUsage | null;
  measure(): Promise<FileStoreUsage>;
  recordUsage(usage: FileStoreUsage): void;
};

export type FileStoreUsage = { files: number; bytes: number; measuredAt: string };

export type StoredEntry = StoredFile & { writtenAt: Date };

const SHA256 = /^[0-9a-f]{64}$/;

export function createFileStore(root: string): FileStore {
  const dir = resolve(root);
  const temp = join(dir, "tmp");
  const pathOf = (sha256: string) => {
    if (!SHA256.test(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
    return join(dir, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  };

  /** Directories known to exist: most files land in one already made. */
  const made = new Set<string>();
  async function ensureDir(path: string): Promise<void> {
    if (made.has(path)) return;
    await mkdir(path, { recursive: true });
    made.add(path);
  }

  function ensureDirSync(path: string): void {
    if (made.has(path)) return;
    mkdirSync(path, { recursive: true });
    made.add(path);
  }

  function putSync(bytes: Uint8Array): StoredFile {
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    const target = pathOf(sha256);
    ensureDirSync(temp);
    const tempPath = join(temp, randomUUID());
    try {
      const fd = openSync(tempPath, "w");
      try {
        for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      ensureDirSync(dirname(target));
      renameSync(tempPath, target);
    } catch (err) {
      rmSync(tempPath, { force: true });
      throw err;
    }
    return { sha256, size: bytes.length };
  }

  async function put(source: AsyncIterable<Buffer> | Readable, opts: { maxBytes?: number } = {}): Promise<StoredFile | null> {
    await ensureDir(temp);
    const tempPath = join(temp, randomUUID());
    const out = createWriteStream(tempPath, { flush: true });
    const hash = createHash("sha256");
    let size = 0;
    let tooLarge = false;
    try {
      for await (const chunk of source as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (tooLarge || size > (opts.maxBytes ?? Infinity)) {
          tooLarge = true;
          continue;
        }
        hash.update(chunk);
        if (!out.write(chunk)) await once(out, "drain");
      }
      out.end();
      await once(out, "close");
      if (tooLarge) {
        await rm(tempPath, { force: true });
        return null;
      }
      const sha256 = hash.digest("hex");
      const target = pathOf(sha256);
      await ensureDir(join(target, ".."));
      await rename(tempPath, target); // the same bytes under the same name: replacing is harmless
      return { sha256, size };
    } catch (err) {
      out.destroy();
      await rm(tempPath, { force: true });
      throw err;
    }
  }

  async function* list(): AsyncIterable<StoredEntry> {
    const level = async (path: string) => (await readdir(path, { withFileTypes: true }).catch(() => [])).filter((e) => e.isDirectory() && /^[0-9a-f]{2}$/.test(e.name));
    for (const first of await level(dir)) {
      for (const second of await level(join(dir, first.name))) {
        const here = join(dir, first.name, second.name);
        for (const name of await readdir(here).catch(() => [])) {
          if (!SHA256.test(name)) continue;
          const info = await stat(join(here, name)).catch(() => null);
          if (info?.isFile()) yield { sha256: name, size: info.size, writtenAt: info.mtime };
        }
      }
    }
  }

  async function remove(sha256: string, notAfter: Date): Promise<boolean> {
    const path = pathOf(sha256);
    const info = await stat(path).catch(() => null);
    if (!info) return true;
    if (info.mtime > notAfter) return false;
    await unlink(path).catch((err: unknown) => {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err; // gone already: what we wanted
    });
    return true;
  }

  async function removeTemporary(notAfter: Date): Promise<number> {
    let removed = 0;
    for (const name of await readdir(temp).catch(() => [])) {
      const info = await stat(join(temp, name)).catch(() => null);
      if (info && info.mtime <= notAfter) {
        await rm(join(temp, name), { force: true });
        removed += 1;
      }
    }
    return removed;
  }

  let lastUsage: FileStoreUsage | null = null;
  let measuring: Promise<FileStoreUsage> | null = null;
  const measure = () =>
    (measuring ??= (async () => {
      const counted = { files: 0, bytes: 0 };
      for await (const entry of list()) {
        counted.files += 1;
        counted.bytes += entry.size;
      }
      lastUsage = { ...counted, measuredAt: new Date().toISOString() };
      return lastUsage;
    })().finally(() => {
      measuring = null;
    }));

  return {
    root: dir,
    put,
    putSync,
    list,
    usage: () => lastUsage,
    measure,
    recordUsage: (usage) => {
      lastUsage = usage;
    },
    remove,
    removeTemporary,
    open: (sha256, range) => createReadStream(pathOf(sha256), range),
    exists: (sha256) =>
      stat(pathOf(sha256)).then(
        () => true,
        () => false,
      ),
  };
}
