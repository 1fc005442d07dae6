import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lockDataDir } from "../db/data-dir-lock.js";
import { adminQuery, TEST_ENGINE } from "../test/database.js";

const BIN = fileURLToPath(new URL("../../bin/atende.js", import.meta.url));

type Run = { code: number | null; stdout: string; stderr: string };

/** Runs the real `atende` command in a child process. */
function atende(args: string[], env: Record<string, string | undefined> = {}): Promise<Run> {
  return new Promise((resolve) => {
    // The embedded database unless a test says otherwise: the suite's own DATABASE_URL is not the CLI's.
    const base = { ...process.env, DATABASE_URL: undefined, REDIS_URL: undefined };
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...base, LOG_LEVEL: "warn", ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("close", (code) => {
      resolve({ code, stdout, stderr });
    });
  });
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "atende-cli-"));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe.runIf(TEST_ENGINE === "pglite")("atende CLI on the embedded database", { timeout: 120_000 }, () => {
  it("a wrong flag prints one line naming the fix and exits 2", async () => {
    const run = await atende(["start", "--prot", "3000"]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toMatch(/--prot.*atende --help/);
  });

  it("an unreachable database prints one line saying what to check and exits 1", async () => {
    const run = await atende(["migrate"], { DATABASE_URL: "postgres://nobody@127.0.0.1:1/none" });
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toContain("Check DATABASE_URL");
  });

  it("a Redis that does not answer at start prints one line naming REDIS_URL and what to do, and exits 1", async () => {
    const run = await atende(["start", "--port", "0", "--data", join(dir, "no-redis")], { REDIS_URL: "redis://127.0.0.1:1", ATENDE_SMTP_PORT: "0" });
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toContain("REDIS_URL");
    expect(run.stderr).toContain("Start Redis");
  });

  it("a data directory it cannot use, or a workspace name the API would refuse: one line naming the fix", async () => {
    const file = join(dir, "a-file");
    writeFileSync(file, "not a directory");
    for (const data of [join(file, "data"), file]) {
      const run = await atende(["migrate", "--data", data]);
      expect(run.code, data).toBe(1);
      expect(run.stderr.trim().split("\n"), run.stderr).toHaveLength(1);
      expect(run.stderr).toContain("choose another data directory with --data or DATA_DIR");
    }
    const long = await atende(["admin", "create", "--email", "x@example.cz", "--workspace", "W".repeat(101), "--data", join(dir, "long-name")]);
    expect(long.code).toBe(1);
    expect(long.stderr.trim()).toBe("atende: --workspace must be at most 100 characters");
  });

  it("an invalid setting names the variable and exits 1", async () => {
    const run = await atende(["migrate"], { PORT: "eighty" });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("PORT");
  });

  it("creates an admin and a new workspace, then refuses the same e-mail again", async () => {
    const data = join(dir, "admin");
    const created = await atende(["admin", "create", "--email", "Lucie@Example.cz", "--name", "Lucie Horáková", "--workspace", "Obchod Praha", "--data", data]);
    expect(created.stderr).toBe("");
    expect(created.code).toBe(0);
    expect(created.stdout).toContain('Created workspace "Obchod Praha"');
    expect(created.stdout).toMatch(/Password \(shown once\): \S{10,}/);
    const again = await atende(["admin", "create", "--email", "lucie@example.cz", "--workspace", "Obchod Praha", "--password", "long enough password", "--data", data]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("already an agent");
  });

  it("refuses to open an embedded data directory another process holds", async () => {
    const data = join(dir, "locked");
    const release = lockDataDir(data);
    try {
      // Our own pid holds it; the child sees another, live process.
      const run = await atende(["migrate", "--data", data]);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`in use by another Atende process (pid ${String(process.pid)})`);
      expect(run.stderr).toContain("Stop that process first");
    } finally {
      release();
    }
  });

  it("migrates, then seeds the demo into the workspace", async () => {
    const data = join(dir, "seed");
    expect((await atende(["migrate", "--data", data])).code).toBe(0);
    expect((await atende(["admin", "create", "--email", "a@example.com", "--password", "long enough password", "--data", data])).code).toBe(0);
    const seeded = await atende(["seed", "--demo", "--data", data]);
    expect(seeded.stderr).toBe("");
    expect(seeded.stdout).toContain("Added the demo inbox");
  });
});

const CLI_DATABASE = `atende_cli_${String(process.pid)}`;

const onServer = (sql: string) => adminQuery(process.env.DATABASE_URL ?? "", sql);

async function freshDatabaseUrl(): Promise<string> {
  await onServer(`DROP DATABASE IF EXISTS ${CLI_DATABASE} WITH (FORCE)`);
  await onServer(`CREATE DATABASE ${CLI_DATABASE}`);
  const url = new URL(process.env.DATABASE_URL ?? "");
  url.pathname = `/${CLI_DATABASE}`;
  return url.toString();
}

describe.runIf(TEST_ENGINE === "postgres")("atende CLI on PostgreSQL", { timeout: 120_000 }, () => {
  it("creates an admin while the server runs, and the new admin can sign in", async () => {
    const databaseUrl = await freshDatabaseUrl();
    const server = spawn(process.execPath, [BIN, "start", "--port", "0", "--no-demo"], {
      env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: "warn", ATENDE_ADMIN_PASSWORD: "first admin password" },
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = "";
        server.stdout.on("data", (d: Buffer) => {
          out += d.toString();
          const match = /running on (http:\/\/\S+)/.exec(out);
          if (match?.[1]) resolve(match[1]);
        });
        server.on("exit", () => {
          reject(new Error(`server exited: ${out}`));
        });
      });
      const run = await atende(["admin", "create", "--email", "second@example.com", "--password", "second admin password"], {
        DATABASE_URL: databaseUrl,
      });
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      const res = await fetch(`${url}/api/v1/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "second@example.com", password: "second admin password" }),
      });
      expect(res.status).toBe(200);
    } finally {
      server.kill("SIGTERM");
      await new Promise((r) => server.once("exit", r));
      await onServer(`DROP DATABASE IF EXISTS ${CLI_DATABASE} WITH (FORCE)`);
    }
  });
});
