import { mkdirSync, openSync, readFileSync, rmSync, writeSync, closeSync } from "node:fs";
import { hostname } from "node:os";
import { join, resolve } from "node:path";

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `The embedded database in ${dataDir} is in use by another Atende process (pid ${String(pid)}). ` +
        `Stop that process first, or point DATA_DIR (--data) at another directory.`,
    );
  }
}

type LockInfo = { pid: number; host: string };

function readLock(file: string): LockInfo | null {
  try {
    const info = JSON.parse(readFileSync(file, "utf8")) as Partial<LockInfo>; // written by us below
    return typeof info.pid === "number" && typeof info.host === "string" ? { pid: info.pid, host: info.host } : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM"; // exists, owned by someone else
  }
}

/** Who holds the data directory, or null when nobody (a stale lock of a dead process does not count). */
export function dataDirHolder(dataDir: string): number | null {
  const info = readLock(join(resolve(dataDir), "atende.lock"));
  if (!info || info.pid === process.pid) return null;
  return info.host === hostname() && !isAlive(info.pid) ? null : info.pid;
}

/**
 * Takes an exclusive lock on an embedded data directory: PGlite has no locking of its own, and two
 * processes writing one directory corrupt it. Returns the function that releases the lock.
 */
export function lockDataDir(dataDir: string): () => void {
  const dir = resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, "atende.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, "wx");
      writeSync(fd, JSON.stringify({ pid: process.pid, host: hostname() } satisfies LockInfo));
      closeSync(fd);
      return () => {
        if (readLock(file)?.pid === process.pid) rmSync(file, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const holder = dataDirHolder(dir);
      if (holder !== null) throw new DataDirLockedError(dir, holder);
      rmSync(file, { force: true }); // stale: its process is gone
    }
  }
  throw new Error(`Could not lock ${dir}`);
}
