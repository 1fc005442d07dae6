import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import { join } from "node:path";

const BIN = join(import.meta.dirname, "../../bin/atende.js");

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo; // a TCP server bound above
      server.close(() => {
        resolve(port);
      });
    });
  });
}

/**
 * `atende start` as its own process, as a user runs it, on the embedded database unless `env` names
 * one (the suite's own DATABASE_URL and REDIS_URL are not passed on); resolves once it answers /readyz.
 */
export async function startAtendeProcess(env: Record<string, string>, httpPort: number): Promise<ChildProcess> {
  const base = { ...process.env, DATABASE_URL: undefined, REDIS_URL: undefined };
  const child = spawn(process.execPath, [BIN, "start", "--no-demo", "--port", String(httpPort)], {
    env: { ...base, LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error(`atende exited: ${stderr}`);
    const ready = await fetch(`http://127.0.0.1:${String(httpPort)}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return child;
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill("SIGKILL");
  throw new Error(`atende did not start: ${stderr}`);
}

/** Stops a process started above, if it still runs. */
export async function stopProcess(child: ChildProcess, signal: NodeJS.Signals = "SIGKILL"): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill(signal);
  await exited;
}

export type HttpAgent = {
  cookie: string;
  csrfToken: string;
  request: <T>(method: string, path: string, body?: unknown) => Promise<T>;
};

/** An agent signed in over real HTTP, with its session cookie and CSRF token. */
export async function signInOverHttp(base: string, credentials: { email: string; password: string }): Promise<HttpAgent> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(credentials),
  });
  if (!res.ok) throw new Error(`sign-in failed: ${String(res.status)}`);
  const { csrfToken } = (await res.json()) as { csrfToken: string }; // our own API's sign-in answer
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  return {
    cookie,
    csrfToken,
    request: async <T>(method: string, path: string, body?: unknown): Promise<T> => {
      const answer = await fetch(`${base}${path}`, {
        method,
        headers: { cookie, "x-csrf-token": csrfToken, ...(body ? { "content-type": "application/json" } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      return (await answer.json()) as T;
    },
  };
}
