import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import pg from "pg";

/** The PostgreSQL server the benchmarks use, over its Unix socket as a same-host deployment would. */
export const PG_SERVER = process.env.BENCH_PG_SERVER ?? "postgres://postgres@localhost/postgres?host=/var/run/postgresql";

export function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** A process's resident memory in MB, from /proc. */
export function rssMb(pid: number): number {
  const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${String(pid)}/status`, "utf8"))?.[1] ?? 0);
  return Math.round(kb / 1024);
}

/** Linux's clock ticks per second for /proc's CPU times (USER_HZ, 100 on every common architecture). */
const CLOCK_TICKS = 100;

/** CPU time (user and system, in milliseconds) a process has used so far: its own and all its threads'; with `reaped`, also that of its children that have ended. */
export function cpuMs(pid: number, reaped = false): number {
  // /proc/<pid>/stat after the command's parenthesis: utime, stime, cutime and cstime are fields 14–17, in clock ticks.
  const fields = readFileSync(`/proc/${String(pid)}/stat`, "utf8").replace(/^.*\) /, "").split(" ").map(Number);
  const ticks = (fields[11] ?? 0) + (fields[12] ?? 0) + (reaped ? (fields[13] ?? 0) + (fields[14] ?? 0) : 0);
  return (ticks * 1000) / CLOCK_TICKS;
}

/**
 * CPU time (milliseconds) the PostgreSQL server on this machine has used so far: every process named
 * postgres that runs now, and the connections that have ended (their time is the postmaster's
 * children's once it has reaped them).
 */
export function postgresCpuMs(): number {
  let total = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, "utf8").trim() === "postgres") total += cpuMs(Number(entry), true);
    } catch {
      // it ended while the list was read
    }
  }
  return total;
}

/** The URL of database `name` on the benchmark server. */
export function databaseUrl(name: string): string {
  const url = new URL(PG_SERVER);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Drops and creates database `name` on the benchmark server; returns its URL. */
export async function freshDatabase(name: string): Promise<string> {
  const client = new pg.Client({ connectionString: PG_SERVER });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  return databaseUrl(name);
}

/** Starts `atende start --no-demo` as its own process and waits until it is ready. */
/** Runs `atende start` with these flags; a benchmark that fails never leaves it running. */
function spawnAtende(env: Record<string, string>, args: string[]): ChildProcess {
  // BENCH_NODE_ARGS passes flags to the server's node, such as `--cpu-prof --cpu-prof-dir=bench/out/profiles`.
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, "apps/server/bin/atende.js", "start", "--no-demo", ...args], {
    env: { ...process.env, ...env, LOG_LEVEL: "warn" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  process.on("exit", () => child.kill());
  return child;
}

/** A process of the worker role alone (jobs, the outbox and the listeners), beside a web one. */
export function startWorker(env: Record<string, string>): ChildProcess {
  return spawnAtende(env, ["--role", "worker"]);
}

export async function startAtende(port: number, env: Record<string, string>, args: string[] = []): Promise<ChildProcess> {
  const child = spawnAtende(env, ["--port", String(port), ...args]);
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${String(port)}/readyz`)).ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  child.kill();
  throw new Error("server did not start");
}

/** The first admin's password in the benchmarks that start a server of their own. */
export const BENCH_ADMIN_PASSWORD = "bench-password-123";

/** Signs the first admin in; the headers a browser sends with their writes (cookie, CSRF token, JSON). */
export async function signInAsAdmin(base: string): Promise<{ cookie: string; headers: Record<string, string> }> {
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: "admin@atende.local", password: BENCH_ADMIN_PASSWORD }),
  });
  const { csrfToken } = (await login.json()) as { csrfToken: string }; // our own API's sign-in answer
  const cookie = login.headers.get("set-cookie")?.split(";")[0] ?? "";
  return { cookie, headers: { "content-type": "application/json", cookie, "x-csrf-token": csrfToken } };
}
