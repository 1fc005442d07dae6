import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Config } from "../config.js";

/**
 * The key that seals mail passwords: ATENDE_SECRET_KEY, or for the embedded database a key made on
 * first start and kept in DATA_DIR/secret.key (readable by its owner only). Several processes on
 * PostgreSQL must share one key, so there it has to be set.
 */
export function withSecretKey(config: Config): Config {
  if (config.secretKey || config.databaseUrl) return config;
  const file = join(resolve(config.dataDir), "secret.key");
  if (!existsSync(file)) {
    writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  return Object.freeze({ ...config, secretKey: readFileSync(file, "utf8").trim() });
}
