import { pino, type DestinationStream } from "pino";
import type { Config } from "./config.js";

/**
 * A request's address as logged: its path, and its query's names with their values redacted. A
 * query can carry a credential (a reset link's token, a visitor's socket token) or what someone
 * searched for.
 */
export function loggedUrl(url: string): string {
  const at = url.indexOf("?");
  if (at < 0) return url;
  const names = [...new URLSearchParams(url.slice(at + 1)).keys()];
  return `${url.slice(0, at)}?${names.map((name) => `${encodeURIComponent(name)}=[redacted]`).join("&")}`;
}

type LoggedRequest = { method?: string; url?: string; host?: string; ip?: string; socket?: { remotePort?: number } | null };

/** The process's logger: JSON lines, with credentials and personal data redacted. */
export function createLogger(config: Pick<Config, "logLevel">, destination?: DestinationStream) {
  return pino({
    level: config.logLevel,
    serializers: {
      // Fastify's own request serializer, with the query's values left out.
      req: (req: LoggedRequest) => ({
        method: req.method,
        url: req.url === undefined ? undefined : loggedUrl(req.url),
        host: req.host,
        remoteAddress: req.ip,
        remotePort: req.socket?.remotePort,
      }),
    },
    redact: {
      paths: [
        "req.headers.authorization",
        "req.headers.cookie",
        'req.headers["x-csrf-token"]',
        'res.headers["set-cookie"]',
        "*.password",
        "*.token",
        "*.email",
        "*.body",
      ],
      censor: "[redacted]",
    },
  }, destination);
}
