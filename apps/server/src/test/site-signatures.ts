import { createHash, createHmac } from "node:crypto";

/**
 * What a company's site signs for its signed-in user with an inbox's identity secret, written as the
 * README tells a site to (not with the server's code): the id, and the id with the e-mail under a
 * key of its own.
 */
export function siteSignatures(identitySecret: string) {
  const emailKey = createHash("sha256").update(`atende-email:${identitySecret}`).digest("hex");
  return {
    id: (id: string) => createHmac("sha256", identitySecret).update(id).digest("hex"),
    email: (id: string, email: string) => createHmac("sha256", emailKey).update(`${id}\n${email}`).digest("hex"),
  };
}
