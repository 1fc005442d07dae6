import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { chmod, chown, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";

/** Where Debian's dovecot-core puts the master binary (.ci/run installs dovecot-imapd). */
export const DOVECOT_BINARY = "/usr/sbin/dovecot";

const HOST = "127.0.0.1";
const USER = "atende";
const PASSWORD = "secret";
const START_TIMEOUT_MS = 15_000;
const STOP_TIMEOUT_MS = 10_000;

/** A throwaway Dovecot IMAP server (plain IMAP, no TLS) on the loopback, for integration tests. */
export interface DovecotServer {
  host: string;
  port: number;
  /** The one mailbox user, authenticating with `password` (AUTHENTICATE PLAIN or LOGIN). */
  user: string;
  password: string;
  /** Stops Dovecot and all its processes and removes its temporary directory. */
  stop: () => Promise<void>;
}

/** A port that was free a moment ago on the loopback. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === "object") resolve(address.port);
        else reject(new Error("could not find a free port"));
      });
    });
  });
}

interface Account {
  name: string;
  uid: number;
  gid: number;
}

/** The rows of /etc/passwd (name, uid, gid) or /etc/group (name, gid, gid). */
function accounts(file: "/etc/passwd" | "/etc/group"): Account[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .map((line) => line.split(":"))
    .filter((fields) => fields.length >= 3 && fields[0])
    .map(([name = "", , uid = "", gid = uid]) => ({ name, uid: Number(uid), gid: Number(gid) }));
}

/** The name of the group with this gid (Dovecot wants names for its internal user and group). */
function groupName(gid: number): string {
  const group = accounts("/etc/group").find((g) => g.uid === gid);
  if (!group) throw new Error(`no group with gid ${gid} in /etc/group`);
  return group.name;
}

/**
 * Who imap-login and the imap (mail) processes run as. Dovecot refuses root for both
 * (imap-login: "This process must not be run as root"; imap: "userdb returned 0 as uid", whatever
 * first_valid_uid says), so as root take Debian's dovenull (made by dovecot-core) or nobody.
 * Otherwise the current user: an unprivileged master cannot switch users anyway.
 */
function unprivilegedAccount(): Account {
  const me = userInfo();
  if (me.uid !== 0) return { name: me.username, uid: me.uid, gid: me.gid };
  const users = accounts("/etc/passwd");
  const account = ["dovenull", "nobody"]
    .map((name) => users.find((u) => u.name === name))
    .find((u) => u !== undefined && u.uid !== 0 && u.gid !== 0);
  if (!account) throw new Error("Dovecot needs an unprivileged user to run as: neither dovenull nor nobody exists");
  return account;
}

/**
 * A minimal dovecot.conf (Dovecot 2.3 setting names: 2.4 renamed many, e.g. disable_plaintext_auth
 * became auth_allow_cleartext). The master and its internal services run as the current user;
 * imap-login and imap as `mail` (the same user unless that is root). No chroot, no TLS, and
 * everything inside `dir`.
 */
function dovecotConfig(dir: string, port: number, mail: Account): string {
  const me = userInfo();
  return `# Written by apps/server/src/test/dovecot.ts for one test run.
protocols = imap
listen = ${HOST}
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = ${me.username}
default_internal_group = ${groupName(me.gid)}
default_login_user = ${mail.name}
first_valid_uid = ${mail.uid}
last_valid_uid = 0
first_valid_gid = ${mail.gid}
last_valid_gid = 0
mail_location = maildir:~/Maildir

passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/passwd
}
userdb {
  driver = static
  args = uid=${mail.uid} gid=${mail.gid} home=${dir}/mail/%u
}

service imap-login {
  chroot =
  inet_listener imap {
    address = ${HOST}
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
service ipc {
  chroot =
}
service auth-worker {
  user = $default_internal_user
}
`;
}

/** Resolves once `port` answers with an IMAP greeting; rejects on a refused connection or another greeting. */
function imapGreeting(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: HOST, port });
    let received = "";
    socket.setTimeout(2_000, () => socket.destroy(new Error("no greeting")));
    socket.on("error", reject);
    socket.on("data", (chunk: Buffer) => {
      received += chunk.toString("latin1");
      if (!received.includes("\r\n")) return;
      socket.destroy();
      if (received.startsWith("* OK")) resolve();
      else reject(new Error(`unexpected greeting: ${received.trim()}`));
    });
    socket.on("close", () => {
      reject(new Error("closed before the greeting"));
    });
  });
}

/**
 * Live (not zombie) processes in process group `pgid`, from Linux's /proc. Dovecot's master and
 * every process it forks share the group that spawn({ detached: true }) gave the master.
 */
async function groupMembers(pgid: number): Promise<number[]> {
  const members: number[] = [];
  for (const entry of await readdir("/proc").catch(() => [])) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, "utf8").catch(() => "");
    // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses, so split after the last ')'.
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (Number(pgrp) === pgid && state !== "Z") members.push(Number(entry));
  }
  return members;
}

/** Sends `signal` to every process in group `pgid`; false when none is left. */
function signalGroup(pgid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts a fresh Dovecot (IMAP only, plain text, 127.0.0.1 on a free port) with one user and an
 * empty maildir in a new temporary directory, and resolves once it greets. Dovecot runs in the
 * foreground as a child of this process; call `stop()` when done.
 */
export async function startDovecot(): Promise<DovecotServer> {
  if (!existsSync(DOVECOT_BINARY)) {
    throw new Error("Dovecot is not installed: apt-get install dovecot-imapd (.ci/run installs it)");
  }
  const dir = await mkdtemp(join(tmpdir(), "atende-dovecot-"));
  try {
    // The bound-then-closed port can be taken by someone else before Dovecot binds it: try again then.
    for (let attempt = 1; ; attempt++) {
      try {
        return await launch(dir, await freePort());
      } catch (err) {
        if (attempt >= 3 || !(err instanceof Error) || !err.message.includes("Address already in use")) throw err;
      }
    }
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
}

async function launch(dir: string, port: number): Promise<DovecotServer> {
  const logPath = join(dir, "dovecot.log");
  await rm(logPath, { force: true });
  await Promise.all(["run", "state", "mail"].map((sub) => mkdir(join(dir, sub), { recursive: true })));
  // The mail processes may run as another (unprivileged) user: let them through to their maildirs.
  const mail = unprivilegedAccount();
  await chmod(dir, 0o711);
  if (mail.uid !== userInfo().uid) await chown(join(dir, "mail"), mail.uid, mail.gid);
  await writeFile(join(dir, "passwd"), `${USER}:{PLAIN}${PASSWORD}::::::\n`, { mode: 0o600 });
  const configPath = join(dir, "dovecot.conf");
  await writeFile(configPath, dovecotConfig(dir, port, mail));

  // Its own process group, so that stop() can reach the processes the master forks: on SIGTERM the
  // master exits, but an imap process serving a client outlives it (shutdown_clients notwithstanding).
  const child = spawn(DOVECOT_BINARY, ["-F", "-c", configPath], { stdio: ["ignore", "pipe", "pipe"], detached: true });
  const pgid = child.pid;
  // Should this process exit without stop(), take Dovecot along rather than leave it running.
  const killOnExit = () => {
    if (pgid !== undefined) signalGroup(pgid, "SIGKILL");
  };
  process.on("exit", killOnExit);
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  let exitStatus: string | undefined;
  const exited = new Promise<void>((resolve) => {
    child.on("exit", (code, signal) => {
      exitStatus = signal ? `signal ${signal}` : `code ${String(code)}`;
      resolve();
    });
  });
  let spawnError: Error | undefined;
  child.on("error", (err) => (spawnError = err));

  /**
   * Ends the master and every process it started (SIGTERM, then SIGKILL), leaving the directory.
   * Runs once: a later call must not signal a process group whose number has been reused.
   */
  let halting: Promise<void> | undefined;
  const halt = (): Promise<void> => (halting ??= haltOnce());
  const haltOnce = async (): Promise<void> => {
    process.off("exit", killOnExit);
    if (pgid === undefined) return;
    // A login process the master is forking as the signal arrives misses it and lingers (and the
    // master waits for it for seconds): so repeat SIGTERM until the group is gone.
    const deadline = Date.now() + STOP_TIMEOUT_MS;
    for (let round = 0; Date.now() < deadline; round++) {
      if (round % 5 === 0) signalGroup(pgid, "SIGTERM");
      await sleep(50);
      if (exitStatus !== undefined && (await groupMembers(pgid)).length === 0) break;
    }
    if (signalGroup(pgid, "SIGKILL")) {
      const killDeadline = Date.now() + 5_000;
      while (Date.now() < killDeadline && (await groupMembers(pgid)).length > 0) await sleep(50);
    }
    if (exitStatus === undefined && !spawnError) await exited;
  };
  const stop = async (): Promise<void> => {
    await halt();
    await rm(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + START_TIMEOUT_MS;
  let lastError: unknown;
  for (;;) {
    if (spawnError || exitStatus !== undefined || Date.now() > deadline) {
      const reason = spawnError
        ? `could not run ${DOVECOT_BINARY}: ${spawnError.message}`
        : exitStatus !== undefined
          ? `Dovecot exited (${exitStatus}) during start-up`
          : `Dovecot did not greet on ${HOST}:${port} within ${START_TIMEOUT_MS} ms (${String(lastError)})`;
      const log = await readFile(logPath, "utf8").catch(() => "(no log file)");
      await halt();
      throw new Error(`${reason}\n--- output ---\n${output.trim()}\n--- ${logPath} ---\n${log.trim()}`);
    }
    try {
      await imapGreeting(port);
      return { host: HOST, port, user: USER, password: PASSWORD, stop };
    } catch (err) {
      lastError = err;
      await sleep(100);
    }
  }
}
