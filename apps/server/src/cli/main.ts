import { parseArgs } from "node:util";
import { ConfigError, loadConfig, ROLES, type Config, type Role } from "../config.js";
import { RedisUnavailableError } from "../events/bus.js";
import { DataDirLockedError } from "../db/data-dir-lock.js";
import { createLogger } from "../logger.js";
import { startServer } from "../server/start.js";
import { adminCreate, seedDemoCommand, migrateOnly } from "./commands.js";
import { describeConnectionError, describeSystemError } from "./connection-error.js";

const HELP = `Usage: atende <command> [options]

Commands:
  start [--port N] [--data DIR] [--role web|worker|mail] [--no-demo]
                       Run Atende (all roles unless --role is given; repeat --role for several).
  migrate [--data DIR] Apply database migrations and exit.
  admin create --email E [--name N] [--password P] [--workspace NAME] [--data DIR]
                       Create an admin (and the workspace, when NAME does not exist yet).
  seed --demo [--workspace NAME] [--data DIR]
                       Add the demo inbox with sample conversations to a workspace.

Settings come from the environment (see README); DATABASE_URL selects a PostgreSQL server.
`;

const OPTIONS = {
  port: { type: "string" },
  data: { type: "string" },
  role: { type: "string", multiple: true },
  "no-demo": { type: "boolean" },
  demo: { type: "boolean" },
  email: { type: "string" },
  name: { type: "string" },
  password: { type: "string" },
  workspace: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

class UsageError extends Error {}

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

function parseRoles(values: string[] | undefined): readonly Role[] {
  if (!values) return ROLES;
  const roles = values.flatMap((v) => v.split(","));
  for (const r of roles) {
    if (!(ROLES as readonly string[]).includes(r)) throw new UsageError(`--role must be one of ${ROLES.join(", ")} (got "${r}")`);
  }
  return roles as Role[]; // checked just above
}

function configFrom(values: ReturnType<typeof parse>["values"]): Config {
  const overrides: { -readonly [K in keyof Config]?: Config[K] } = {};
  if (values.port !== undefined) {
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError("--port must be a number from 0 to 65535");
    overrides.port = port;
  }
  if (values.data !== undefined) overrides.dataDir = values.data;
  if (values["no-demo"]) overrides.demo = false;
  overrides.roles = parseRoles(values.role);
  return loadConfig(process.env, overrides);
}

function parse(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const unknown = /^Unknown option '([^']+)'/.exec(message);
    throw new UsageError(unknown ? `unknown option ${unknown[1] ?? ""}` : message);
  }
}

async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv);
  const [command, sub] = positionals;
  if (values.help || !command) {
    say(HELP);
    return values.help ? 0 : 2;
  }
  const config = configFrom(values);
  switch (command) {
    case "start": {
      const log = createLogger(config);
      const running = await startServer(config, log, say);
      say(running.url ? `Atende is running on ${running.url.replace("0.0.0.0", "localhost")}` : "Atende worker is running.");
      for (const signal of ["SIGINT", "SIGTERM"] as const) {
        process.once(signal, () => {
          void running.stop().then(() => process.exit(0));
        });
      }
      return -1; // keep running
    }
    case "migrate":
      await migrateOnly(config);
      say("Migrations applied.");
      return 0;
    case "admin":
      if (sub !== "create") throw new UsageError("the admin command is `atende admin create --email E …`");
      if (!values.email) throw new UsageError("admin create needs --email");
      say(await adminCreate(config, { email: values.email, name: values.name, password: values.password, workspace: values.workspace }));
      return 0;
    case "seed":
      if (!values.demo) throw new UsageError("seed needs --demo (the only data set there is)");
      say(await seedDemoCommand(config, values.workspace));
      return 0;
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

function explain(err: unknown): string {
  if (err instanceof UsageError) return `atende: ${err.message}. Run \`atende --help\` for usage.`;
  if (err instanceof ConfigError || err instanceof DataDirLockedError) return `atende: ${err.message}`;
  if (err instanceof RedisUnavailableError) {
    return `atende: ${err.message} Start Redis, correct REDIS_URL, or unset it to run one process without Redis.`;
  }
  return describeConnectionError(err) ?? describeSystemError(err) ?? `atende: ${err instanceof Error ? err.message : String(err)}`;
}

try {
  const code = await run(process.argv.slice(2));
  if (code >= 0) process.exit(code);
} catch (err) {
  process.stderr.write(`${explain(err)}\n`);
  process.exit(err instanceof UsageError ? 2 : 1);
}
