import { isIP } from "node:net";

/** Whether a host is this machine: a name or address that never leaves it. */
function isLoopback(host: string): boolean {
  const name = host.toLowerCase().replace(/^\[|\]$/g, "");
  if (name === "localhost" || name.endsWith(".localhost")) return true;
  if (isIP(name) === 4) return name.startsWith("127.");
  return name === "::1";
}

/**
 * Whether a mail server an inbox names must be reached over TLS before its password is sent: a
 * server not on TLS from the start (`secure: false`) must then offer STARTTLS, or the password is
 * not sent at all. Someone in the path could otherwise strip STARTTLS and read it. Only a server on
 * this machine may be signed in to in the clear.
 */
export const passwordNeedsStartTls = (server: { host: string; secure: boolean }, withPassword: boolean): boolean =>
  withPassword && !server.secure && !isLoopback(server.host);
