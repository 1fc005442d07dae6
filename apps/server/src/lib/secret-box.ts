import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

/** Seals secrets (mail passwords) for storage with AES-256-GCM; `v1:` + base64(iv ‖ tag ‖ ciphertext). */
export type SecretBox = { seal(plain: string): string; open(sealed: string): string };

/** A box keyed by ATENDE_SECRET_KEY (any string of 32+ characters; it is hashed to the 256-bit key). */
export function createSecretBox(secret: string): SecretBox {
  const key = createHash("sha256").update(secret).digest();
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", key, iv);
      const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
      return `v1:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64")}`;
    },
    open(sealed) {
      if (!sealed.startsWith("v1:")) throw new Error("not a sealed secret");
      const raw = Buffer.from(sealed.slice(3), "base64");
      const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
    },
  };
}
