import { createHash, randomBytes } from "node:crypto";

/** A new random secret with a readable prefix, such as `atk_…` for API tokens. */
export function newSecret(prefix: string): string {
  return `${prefix}_${randomBytes(32).toString("base64url")}`;
}

/** What we store instead of a secret: its SHA-256, hex. */
export function digest(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}
