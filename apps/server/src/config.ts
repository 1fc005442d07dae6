import { isIP } from "node:net";
import { z } from "zod";
import { WorkspaceName } from "@atende/shared";
import { parsePrivateNetworks, type PrivateNetworks } from "./lib/private-networks.js";

const Flag = z
  .enum(["1", "0", "true", "false", "yes", "no"])
  .transform((v) => v === "1" || v === "true" || v === "yes");

/** An SMTP server as a URL, `smtp://user:password@host:587` (STARTTLS when offered) or `smtps://…` (TLS from the start). */
export type SmtpUrl = { host: string; port: number; secure: boolean; auth: { user: string; pass: string } | null };

/** Parses an SMTP URL; an error saying what is wrong (never repeating the URL, which may hold a password) when it is not one. */
function parseSmtpUrl(value: string): SmtpUrl | Error {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return new Error("must be a URL such as smtp://user:password@mail.example:587 or smtps://…:465 (percent-encode special characters in the user and password)");
  }
  if (url.protocol !== "smtp:" && url.protocol !== "smtps:") return new Error("must start with smtp:// or smtps://");
  if (!url.hostname) return new Error("must name the mail server's host, such as smtp://mail.example:587");
  if ((url.pathname && url.pathname !== "/") || url.search || url.hash) return new Error("must be only smtp[s]://[user:password@]host[:port], with no path or query");
  const secure = url.protocol === "smtps:";
  const decode = (s: string) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return null;
    }
  };
  const user = decode(url.username);
  const pass = decode(url.password);
  if (user === null || pass === null) return new Error("has a user or password that is not valid percent-encoding");
  return {
    host: url.hostname.replace(/^\[(.*)\]$/, "$1"),
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    auth: user ? { user, pass } : null,
  };
}

/** A zod transform from a parser that gives the value read, or an error saying what is wrong with it. */
function parsedBy<T>(parse: (value: string) => T | Error) {
  return (value: string, ctx: z.RefinementCtx): T => {
    const parsed = parse(value);
    if (!(parsed instanceof Error)) return parsed;
    ctx.addIssue({ code: "custom", message: parsed.message });
    return z.NEVER;
  };
}

/** A sender as `Name <address>` or a bare address. */
const MailFrom = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const match = /^(?:"?([^"<>]*?)"?\s*<([^<>\s]+)>|([^<>\s]+))$/.exec(value);
    const address = match?.[2] ?? match?.[3] ?? "";
    if (!z.email().safeParse(address).success) {
      ctx.addIssue({ code: "custom", message: "must be an e-mail address, alone or as Name <address>, such as Atende <no-reply@atende.example>" });
      return z.NEVER;
    }
    return { name: match?.[1]?.trim() ?? "", address };
  });

/** Where agents open Atende (scheme, host and port), for the links in the mail Atende sends them. */
const PublicUrl = z
  .string()
  .trim()
  .transform((value, ctx) => {
    let url: URL | null = null;
    try {
      url = new URL(value);
    } catch {
      // said below
    }
    if (!url || (url.protocol !== "https:" && url.protocol !== "http:") || url.pathname !== "/" || url.search || url.hash || url.username) {
      ctx.addIssue({ code: "custom", message: "must be the address agents open Atende at, such as https://atende.example (scheme, host and port; no path)" });
      return z.NEVER;
    }
    return url.origin;
  });

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgres:// (leave it unset for the embedded database)")
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, "must start with redis:// or rediss://").optional(),
  ATENDE_REDIS_PREFIX: z.string().regex(/^[\w.-]{1,50}$/, "may use letters, digits, ., - and _ only").default("atende"),
  ATENDE_ADMIN_EMAIL: z.email().optional(),
  ATENDE_ADMIN_PASSWORD: z.string().min(10, "must be at least 10 characters").optional(),
  ATENDE_WORKSPACE_NAME: WorkspaceName.default("Atende"),
  ATENDE_SECRET_KEY: z.string().min(32, "must be at least 32 characters").optional(),
  ATENDE_DEMO: Flag.default(true),
  BODY_LIMIT: z.coerce.number().int().min(1024).default(1024 * 1024),
  ATENDE_SMTP_PORT: z.coerce.number().int().min(0).max(65535).default(2525),
  ATENDE_SMTP_MAX_BYTES: z.coerce.number().int().min(1024).default(25 * 1024 * 1024),
  ATENDE_MAIL_PARSE_SECONDS: z.coerce.number().min(0.1).max(600).default(30),
  ATENDE_CHAT_EMAIL_AFTER_MINUTES: z.coerce.number().int().min(1).max(1440).default(5),
  ATENDE_JOB_RETRY_SECONDS: z.coerce.number().int().min(1).max(3600).default(10),
  ATENDE_JOB_RETRIES: z.coerce.number().int().min(0).max(20).default(5),
  ATENDE_WIDGET_CONNECTIONS_PER_MINUTE: z.coerce.number().int().min(1).default(120),
  ATENDE_WIDGET_MESSAGES_PER_ADDRESS_MINUTE: z.coerce.number().int().min(1).default(300),
  ATENDE_UPLOAD_MAX_BYTES: z.coerce.number().int().min(1024).default(25 * 1024 * 1024),
  ATENDE_CHAT_UPLOAD_MAX_BYTES: z.coerce.number().int().min(1024).default(10 * 1024 * 1024),
  ATENDE_UNSENT_UPLOADS_PER_VISITOR_BYTES: z.coerce.number().int().min(1024).default(50 * 1024 * 1024),
  ATENDE_UNSENT_UPLOADS_PER_ADDRESS_BYTES: z.coerce.number().int().min(1024).default(200 * 1024 * 1024),
  ATENDE_UNSENT_UPLOADS_PER_WORKSPACE_BYTES: z.coerce.number().int().min(1024).default(2 * 1024 * 1024 * 1024),
  ATENDE_SMTP_TLS_CERT: z.string().min(1).optional(),
  ATENDE_SMTP_TLS_KEY: z.string().min(1).optional(),
  /** The installation's own mail server (password reset), as a URL; unset, Atende sends no mail of its own. */
  ATENDE_SYSTEM_SMTP_URL: z
    .string()
    .trim()
    .min(1)
    .transform(parsedBy(parseSmtpUrl))
    .optional(),
  ATENDE_SYSTEM_MAIL_FROM: MailFrom.optional(),
  ATENDE_SYSTEM_MAILS_PER_WORKSPACE_HOUR: z.coerce.number().int().min(1).default(20),
  ATENDE_SYSTEM_MAILS_PER_MAILBOX_HOUR: z.coerce.number().int().min(1).default(5),
  ATENDE_PUBLIC_URL: PublicUrl.optional(),
  ATENDE_ADDRESS_PROOF: z.enum(["auto", "required", "off"]).default("auto"),
  ATENDE_PRIVATE_NETWORKS: z
    .string()
    .default("auto")
    .transform(parsedBy(parsePrivateNetworks)),
  /** An OpenAI-compatible chat-completions API (its base, such as https://api.example.com/v1 or http://localhost:11434/v1) that phrases the virtual attendant's answers; unset, none is used. */
  ATENDE_LLM_URL: z
    .url({ protocol: /^https?$/ })
    // Its key goes in ATENDE_LLM_API_KEY, never logged; a URL is logged and told in errors (fetch's own among them).
    .refine((u) => {
      const url = new URL(u);
      return url.username === "" && url.password === "";
    }, "must not hold a user or password: give the model's key in ATENDE_LLM_API_KEY")
    .optional(),
  ATENDE_LLM_MODEL: z.string().trim().min(1).optional(),
  ATENDE_LLM_API_KEY: z.string().min(1).optional(),
  ATENDE_LLM_TIMEOUT_SECONDS: z.coerce.number().min(0.1).max(120).default(10),
  ATENDE_DNS_SERVERS: z
    .string()
    .regex(/^[\w.:[\]-]+(,[\w.:[\]-]+)*$/, "must be DNS servers separated by commas, such as 1.1.1.1,8.8.8.8:53")
    .optional(),
  SESSION_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  ATENDE_CREDENTIAL_RECHECK_SECONDS: z.coerce.number().min(0.05).max(60).default(30),
  /** Minutes without a key, click or touch in any open tab after which an agent counts as away. */
  ATENDE_AGENT_AWAY_MINUTES: z.coerce.number().min(1).max(24 * 60).default(10),
  LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).default(10),
  TRUST_PROXY: Flag.default(false),
  VALIDATE_RESPONSES: Flag.default(false),
  VALIDATE_EVENTS: Flag.default(false),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  NODE_ENV: z.string().default("production"),
})
  .refine((e) => e.ATENDE_LLM_URL === undefined || e.ATENDE_LLM_MODEL !== undefined, {
    path: ["ATENDE_LLM_MODEL"],
    message: "is needed with ATENDE_LLM_URL: the model to ask, such as llama3.1 or gpt-4o-mini",
  })
  .refine((e) => (e.ATENDE_SMTP_TLS_CERT === undefined) === (e.ATENDE_SMTP_TLS_KEY === undefined), {
    path: ["ATENDE_SMTP_TLS_KEY"],
    message: "set both ATENDE_SMTP_TLS_CERT and ATENDE_SMTP_TLS_KEY (PEM files) to offer STARTTLS, or neither",
  })
  .refine((e) => e.ATENDE_SYSTEM_SMTP_URL === undefined || e.ATENDE_PUBLIC_URL !== undefined, {
    path: ["ATENDE_PUBLIC_URL"],
    message: "is needed with ATENDE_SYSTEM_SMTP_URL: the address agents open Atende at (such as https://atende.example), for the links in its mail",
  });

export const ROLES = ["web", "worker", "mail"] as const;
export type Role = (typeof ROLES)[number];

export type Config = Readonly<{
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  databasePoolSize: number;
  redisUrl: string | undefined;
  /** Prefix of Atende's Redis keys and channels, so that several installations can share one Redis. */
  redisPrefix: string;
  admin: { email: string | undefined; password: string | undefined; workspaceName: string };
  demo: boolean;
  /** Seals mail passwords at rest. The embedded database generates one in DATA_DIR when unset. */
  secretKey: string | undefined;
  bodyLimit: number;
  /** How long an agent's chat reply may stay unread before it is sent to the visitor by e-mail. */
  chatEmailFallbackMinutes: number;
  /** The first retry of a failed job or listener comes this long after; each next one twice as long. */
  jobRetrySeconds: number;
  /** How many times a failed job or listener is retried before it is parked. */
  jobRetries: number;
  /** Visitor sockets one address may open per minute (a flood of reconnections is refused with 429). */
  widgetConnectionsPerMinute: number;
  /** Messages and files all the visitors at one address may send per minute (each visitor has its own limit too). */
  widgetMessagesPerAddressMinute: number;
  /** The largest file an agent may upload to send with a message. */
  uploadMaxBytes: number;
  /** The largest file a chat visitor may send (of the types in CHAT_UPLOAD_TYPES). */
  chatUploadMaxBytes: number;
  /** Bytes of uploads not sent yet that one visitor, one address and one workspace may hold. */
  uploadQuota: { perVisitor: number; perAddress: number; perWorkspace: number };
  /** How long reading one received message may take before it is kept as unreadable. */
  mailParseMs: number;
  /** The inbound SMTP listener; with `tls` (PEM file paths) it offers STARTTLS. */
  smtp: { port: number; maxBytes: number; tls: { certFile: string; keyFile: string } | null };
  /**
   * Whether an e-mail address must be proven (a code mailed to it, or a DNS record) before mail is
   * taken for it: `auto` once the installation has more than one workspace.
   */
  addressProof: "auto" | "required" | "off";
  /**
   * Which private addresses the mail servers a workspace names (SMTP, IMAP) may be on: all, none or
   * some networks; `auto` all while the installation has one workspace, none once it has more.
   */
  privateNetworks: PrivateNetworks;
  /**
   * The installation's own mail (password reset): its SMTP server and sender; null when
   * ATENDE_SYSTEM_SMTP_URL is unset, and Atende sends no mail of its own.
   */
  systemMail: { smtp: SmtpUrl; from: { name: string; address: string } } | null;
  /**
   * How many mailboxes that server mails in an hour for one workspace, and how many messages of one
   * kind it sends to one mailbox (from every workspace): a workspace chooses the addresses and
   * some of the words.
   */
  systemMailLimits: { perWorkspaceHour: number; perMailboxHour: number };
  /** Where agents open Atende (`https://atende.example`, no trailing slash), for links in mail; null when unset. */
  publicUrl: string | null;
  /** DNS servers for looking up proof records; the system's when unset. */
  dnsServers: string[] | null;
  /** The language model that phrases the virtual attendant's answers (never logged: the key); null without ATENDE_LLM_URL. */
  llm: { url: string; model: string; apiKey: string | null; timeoutMs: number } | null;
  sessionTtlDays: number;
  /** How often an open agent socket looks its session or token up again (a minute at most). */
  credentialRecheckMs: number;
  /** After how long without activity in an open tab an agent is away (ATENDE_AGENT_AWAY_MINUTES). */
  agentAwayMinutes: number;
  loginRateLimit: number;
  trustProxy: boolean;
  logLevel: z.infer<typeof Env>["LOG_LEVEL"];
  /** Check every response against its zod schema (tests do); otherwise presenters' output is sent as is. */
  validateResponses: boolean;
  /** Check every domain event against its type's schema as it is written (tests do). */
  validateEvents: boolean;
  roles: readonly Role[];
}>;

export class ConfigError extends Error {}

/** `Atende <no-reply@…>` at the mail server's domain, or Atende's own when the server is named by an IP address. */
function defaultSender(smtpHost: string, publicUrl: string | undefined): { name: string; address: string } {
  const domain = isIP(smtpHost) !== 0 && publicUrl ? new URL(publicUrl).hostname : smtpHost;
  return { name: "Atende", address: `no-reply@${domain}` };
}

/** Parses the environment once; the only reader of `process.env`. Overrides come from CLI flags. */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  overrides: Partial<Config> = {},
): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid settings in the environment:\n  ${lines.join("\n  ")}`);
  }
  const e = parsed.data;
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    dataDir: e.DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    redisUrl: e.REDIS_URL,
    redisPrefix: e.ATENDE_REDIS_PREFIX,
    admin: { email: e.ATENDE_ADMIN_EMAIL, password: e.ATENDE_ADMIN_PASSWORD, workspaceName: e.ATENDE_WORKSPACE_NAME },
    demo: e.ATENDE_DEMO,
    secretKey: e.ATENDE_SECRET_KEY,
    bodyLimit: e.BODY_LIMIT,
    uploadMaxBytes: e.ATENDE_UPLOAD_MAX_BYTES,
    chatUploadMaxBytes: e.ATENDE_CHAT_UPLOAD_MAX_BYTES,
    uploadQuota: {
      perVisitor: e.ATENDE_UNSENT_UPLOADS_PER_VISITOR_BYTES,
      perAddress: e.ATENDE_UNSENT_UPLOADS_PER_ADDRESS_BYTES,
      perWorkspace: e.ATENDE_UNSENT_UPLOADS_PER_WORKSPACE_BYTES,
    },
    widgetConnectionsPerMinute: e.ATENDE_WIDGET_CONNECTIONS_PER_MINUTE,
    widgetMessagesPerAddressMinute: e.ATENDE_WIDGET_MESSAGES_PER_ADDRESS_MINUTE,
    chatEmailFallbackMinutes: e.ATENDE_CHAT_EMAIL_AFTER_MINUTES,
    jobRetrySeconds: e.ATENDE_JOB_RETRY_SECONDS,
    jobRetries: e.ATENDE_JOB_RETRIES,
    mailParseMs: e.ATENDE_MAIL_PARSE_SECONDS * 1000,
    smtp: {
      port: e.ATENDE_SMTP_PORT,
      maxBytes: e.ATENDE_SMTP_MAX_BYTES,
      tls: e.ATENDE_SMTP_TLS_CERT && e.ATENDE_SMTP_TLS_KEY ? { certFile: e.ATENDE_SMTP_TLS_CERT, keyFile: e.ATENDE_SMTP_TLS_KEY } : null,
    },
    addressProof: e.ATENDE_ADDRESS_PROOF,
    privateNetworks: e.ATENDE_PRIVATE_NETWORKS,
    systemMail: e.ATENDE_SYSTEM_SMTP_URL
      ? { smtp: e.ATENDE_SYSTEM_SMTP_URL, from: e.ATENDE_SYSTEM_MAIL_FROM ?? defaultSender(e.ATENDE_SYSTEM_SMTP_URL.host, e.ATENDE_PUBLIC_URL) }
      : null,
    systemMailLimits: { perWorkspaceHour: e.ATENDE_SYSTEM_MAILS_PER_WORKSPACE_HOUR, perMailboxHour: e.ATENDE_SYSTEM_MAILS_PER_MAILBOX_HOUR },
    publicUrl: e.ATENDE_PUBLIC_URL ?? null,
    dnsServers: e.ATENDE_DNS_SERVERS ? e.ATENDE_DNS_SERVERS.split(",") : null,
    llm:
      e.ATENDE_LLM_URL && e.ATENDE_LLM_MODEL
        ? { url: e.ATENDE_LLM_URL.replace(/\/+$/, ""), model: e.ATENDE_LLM_MODEL, apiKey: e.ATENDE_LLM_API_KEY ?? null, timeoutMs: e.ATENDE_LLM_TIMEOUT_SECONDS * 1000 }
        : null,
    sessionTtlDays: e.SESSION_TTL_DAYS,
    credentialRecheckMs: e.ATENDE_CREDENTIAL_RECHECK_SECONDS * 1000,
    agentAwayMinutes: e.ATENDE_AGENT_AWAY_MINUTES,
    loginRateLimit: e.LOGIN_RATE_LIMIT,
    trustProxy: e.TRUST_PROXY,
    logLevel: e.LOG_LEVEL,
    validateResponses: e.VALIDATE_RESPONSES,
    validateEvents: e.VALIDATE_EVENTS,
    roles: ROLES,
    ...overrides,
  });
}
