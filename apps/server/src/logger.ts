import { pino } from "pino";
import type { Config } from "./config.js";

/** The process's logger: JSON lines, with credentials and personal data redacted. */
export function createLogger(config: Pick<Config, "logLevel">) {
  return pino({
    level: config.logLevel,
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
  });
}
