import type { Config } from "../../config.js";
import { AppError } from "../../lib/app-error.js";
import { createSecretBox } from "../../lib/secret-box.js";

/** A mail server's settings for storage: the password sealed with the secret key, never in clear. */
export function mailServer<S extends { user?: string | undefined; password?: string | undefined }>(
  config: Config,
  server: S,
  path: string,
): { settings: Omit<S, "user" | "password"> & { user: string | null }; password: string | null } {
  const { password, user, ...settings } = server;
  if (password !== undefined && !config.secretKey) {
    throw AppError.invalidField(`${path}.password`, "cannot be stored until ATENDE_SECRET_KEY is set on every Atende process", "secret_key_missing");
  }
  const sealed = password !== undefined && config.secretKey ? createSecretBox(config.secretKey).seal(password) : null;
  return { settings: { ...settings, user: user ?? null }, password: sealed };
}

