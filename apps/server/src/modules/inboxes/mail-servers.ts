import type { Ctx } from "../../core/context.js";
import { AppError } from "../../lib/app-error.js";
import { allowedNetworks, refusedAsWritten } from "../../lib/private-networks.js";
import { createSecretBox } from "../../lib/secret-box.js";

/**
 * A mail server's settings for storage: the password sealed with the secret key, never in clear. A
 * host written as an address (or `localhost`) on a private network the installation keeps its
 * workspaces out of is refused here; a name is checked each time Atende connects, against what it
 * stands for then.
 */
export async function mailServer<S extends { host: string; user?: string | undefined; password?: string | undefined }>(
  ctx: Ctx,
  server: S,
  path: string,
): Promise<{ settings: Omit<S, "user" | "password"> & { user: string | null }; password: string | null }> {
  const { config } = ctx;
  if (refusedAsWritten(server.host, await allowedNetworks(ctx.tx, config.privateNetworks))) {
    const why = "is on a private network, which this installation does not let its workspaces reach; its operator can allow that network with ATENDE_PRIVATE_NETWORKS";
    throw AppError.invalidField(`${path}.host`, why, "private_network");
  }
  const { password, user, ...settings } = server;
  if (password !== undefined && !config.secretKey) {
    throw AppError.invalidField(`${path}.password`, "cannot be stored until ATENDE_SECRET_KEY is set on every Atende process", "secret_key_missing");
  }
  const sealed = password !== undefined && config.secretKey ? createSecretBox(config.secretKey).seal(password) : null;
  return { settings: { ...settings, user: user ?? null }, password: sealed };
}


/** What a mail server's stored password is sent to: another host, port, user or TLS would send it elsewhere. */
type Destination = { host: string; port: number; secure: boolean; user: string | null };

/**
 * The password a server given without one keeps: the stored one, only while it would go where it
 * was given for. A server given with another host, port, user or TLS must be given its password
 * again (a stored password never reaches a server it was not typed for); one with no user needs none.
 */
export function keptPassword(path: string, before: Destination | null, after: Destination, stored: string | null): string | null {
  if (after.user === null || stored === null) return null;
  const same = before !== null && before.host === after.host && before.port === after.port && before.secure === after.secure && before.user === after.user;
  if (!same) {
    throw AppError.invalidField(`${path}.password`, "give the password again: a stored password is only sent to the server, port, user and TLS it was given for", "password_again");
  }
  return stored;
}
