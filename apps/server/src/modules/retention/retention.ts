import { and, isNotNull, lt, sql } from "drizzle-orm";
import type { FastifyBaseLogger } from "fastify";
import type { Database } from "../../db/client.js";
import { rowsOf } from "../../db/rows.js";
import { listenerReceipts, notifications, passwordResetTokens, sessions, systemMails, uploads } from "../../db/schema/index.js";
import type { FileStore, FileStoreUsage } from "../../files/file-store.js";
import type { Runtime } from "../../core/context.js";
import { deleteExpiredIdempotencyKeys } from "../../plugins/idempotency.js";

/**
 * How old an unreferenced file must be before it goes: long enough for any write in progress to
 * reference what it stored (a message's transaction, an upload's row) or to have failed.
 */
const FILE_GRACE_MS = 60 * 60_000;
/** How long a listener's receipt of an event is kept. */
const RECEIPTS_KEPT_MS = 7 * 86_400_000;
/** Atende's own mail is counted for its hourly limits; a day is plenty. */
const SYSTEM_MAILS_KEPT_MS = 86_400_000;
/** How long a notification the agent has read stays in their list. */
const READ_NOTIFICATIONS_KEPT_MS = 30 * 86_400_000;
/** Files are looked up this many at a time. */
const BATCH = 500;

/** Of these files, those that no message, unexpired upload, agent's picture or article image has. */
async function unreferenced(db: Database, shas: string[]): Promise<string[]> {
  if (shas.length === 0) return [];
  const list = sql.join(
    shas.map((s) => sql`${s}`),
    sql`, `,
  );
  const used = rowsOf<{ sha256: string }>(
    await db.execute(sql`
      SELECT sha256 FROM attachment WHERE sha256 IN (${list})
      UNION SELECT sha256 FROM upload WHERE sha256 IN (${list}) AND expires_at > now()
      UNION SELECT avatar_sha256 FROM agent WHERE avatar_sha256 IN (${list})
      UNION SELECT sha256 FROM article_image WHERE sha256 IN (${list})`),
  );
  const kept = new Set(used.map((r) => r.sha256));
  return shas.filter((s) => !kept.has(s));
}

/** Deletes the files among `shas` that nothing refers to and nothing wrote lately; returns how many. */
async function removeUnreferenced(db: Database, files: FileStore, shas: string[]): Promise<number> {
  const notAfter = new Date(Date.now() - FILE_GRACE_MS);
  let removed = 0;
  for (const sha of await unreferenced(db, shas)) if (await files.remove(sha, notAfter)) removed += 1;
  return removed;
}

export type RetentionReport = {
  idempotencyKeys: number;
  sessions: number;
  passwordResetLinks: number;
  systemMails: number;
  listenerReceipts: number;
  notifications: number;
  uploads: number;
  files: number;
  temporaryFiles: number;
  /** After a full sweep: what the file store holds. */
  usage: FileStoreUsage | null;
};

/**
 * Forgets what has outlived its use: idempotency keys after a day, expired sessions and password
 * reset links (used or not), the count of Atende's own mail after a day, listeners' receipts after a week, uploads never
 * sent (and their bytes, unless a message or a picture has the same file), half-written temporary
 * files. A `full` sweep also walks the whole file store, for the bytes of mail that was refused or
 * stored twice, and measures it.
 */
export async function sweepRetention(runtime: Runtime, opts: { full: boolean }): Promise<RetentionReport> {
  const { db, files } = runtime;
  const idempotencyKeys = await deleteExpiredIdempotencyKeys(db);
  const expiredSessions = await db.delete(sessions).where(lt(sessions.expiresAt, new Date())).returning({ id: sessions.id });
  const expiredLinks = await db
    .delete(passwordResetTokens)
    .where(lt(passwordResetTokens.expiresAt, new Date()))
    .returning({ tokenHash: passwordResetTokens.tokenHash });
  const countedMails = await db
    .delete(systemMails)
    .where(lt(systemMails.createdAt, new Date(Date.now() - SYSTEM_MAILS_KEPT_MS)))
    .returning({ id: systemMails.id });
  // A receipt only has to outlive every retry of its job (minutes to hours).
  const receipts = await db
    .delete(listenerReceipts)
    .where(lt(listenerReceipts.handledAt, new Date(Date.now() - RECEIPTS_KEPT_MS)))
    .returning({ eventId: listenerReceipts.eventId });
  const readLongAgo = await db
    .delete(notifications)
    .where(and(isNotNull(notifications.readAt), lt(notifications.readAt, new Date(Date.now() - READ_NOTIFICATIONS_KEPT_MS))))
    .returning({ id: notifications.id });
  const expired = await db.delete(uploads).where(lt(uploads.expiresAt, new Date())).returning({ sha256: uploads.sha256 });
  let removed = 0;
  for (let i = 0; i < expired.length; i += BATCH) {
    removed += await removeUnreferenced(db, files, [...new Set(expired.slice(i, i + BATCH).map((u) => u.sha256))]);
  }
  const temporaryFiles = await files.removeTemporary(new Date(Date.now() - FILE_GRACE_MS));
  let usage: FileStoreUsage | null = null;
  if (opts.full) {
    const counted = { files: 0, bytes: 0 };
    let batch: { sha256: string; size: number }[] = [];
    const flush = async () => {
      const gone = new Set(await unreferenced(db, batch.map((f) => f.sha256)));
      const notAfter = new Date(Date.now() - FILE_GRACE_MS);
      for (const file of batch) {
        if (gone.has(file.sha256) && (await files.remove(file.sha256, notAfter))) removed += 1;
        else {
          counted.files += 1;
          counted.bytes += file.size;
        }
      }
      batch = [];
    };
    for await (const entry of files.list()) {
      batch.push(entry);
      if (batch.length >= BATCH) await flush();
    }
    await flush();
    usage = { ...counted, measuredAt: new Date().toISOString() };
    files.recordUsage(usage);
  }
  return {
    idempotencyKeys,
    sessions: expiredSessions.length,
    passwordResetLinks: expiredLinks.length,
    systemMails: countedMails.length,
    listenerReceipts: receipts.length,
    notifications: readLongAgo.length,
    uploads: expired.length,
    files: removed,
    temporaryFiles,
    usage,
  };
}

/** Uploads waiting to be sent, across the installation (for `/readyz?detail=1`). */
export async function pendingUploads(db: Database): Promise<{ count: number; bytes: number }> {
  const [row] = rowsOf<{ count: string; bytes: string }>(
    await db.execute(sql`SELECT count(*) AS count, coalesce(sum(size), 0) AS bytes FROM upload WHERE expires_at > now()`),
  );
  return { count: Number(row?.count ?? 0), bytes: Number(row?.bytes ?? 0) };
}

/** How often the sweep runs, and every how many runs it walks the whole file store. */
const SWEEP_EVERY_MS = 60 * 60_000;
const FULL_EVERY = 24;

/**
 * Runs the retention sweep on a worker: a full one soon after start (measuring the file store), then
 * hourly, a full one each day. Several workers may sweep at once: each deletion is harmless twice.
 * Returns what stops it.
 */
export function startRetention(runtime: Runtime, log: FastifyBaseLogger): () => void {
  let runs = 0;
  const sweep = () => {
    const full = runs % FULL_EVERY === 0;
    runs += 1;
    sweepRetention(runtime, { full }).then(
      (report) => {
        log.info({ module: "retention", ...report }, "retention sweep done");
      },
      (err: unknown) => {
        log.warn({ err, module: "retention" }, "retention sweep failed");
      },
    );
  };
  const first = setTimeout(sweep, 30_000);
  const timer = setInterval(sweep, SWEEP_EVERY_MS);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}

/** What the file store held when last measured; measured again (in the background) once a day. */
export async function fileStoreUsage(runtime: Runtime): Promise<FileStoreUsage | null> {
  const usage = runtime.files.usage();
  if (!usage || Date.now() - Date.parse(usage.measuredAt) > 86_400_000) {
    runtime.files.measure().catch((err: unknown) => {
      runtime.log.warn({ err }, "measuring the file store failed");
    });
  }
  return usage;
}
