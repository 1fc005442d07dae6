import { lookup, Resolver } from "node:dns/promises";
import { isIP } from "node:net";
import ipaddr from "ipaddr.js";
import type { Executor } from "../db/client.js";
import { hasSeveralWorkspaces } from "./installation.js";

/** A network as ipaddr.js reads it: an address and how many of its leading bits count. */
export type Network = [ipaddr.IPv4 | ipaddr.IPv6, number];

/**
 * Which private addresses (this machine, its local networks, link-local, unique-local, carrier-grade
 * NAT and the other ranges the internet does not route) the mail servers a workspace names may be
 * on: `all`, a list (`[]` for none), or `auto`: all while the installation has one workspace, none
 * once it has more (ATENDE_PRIVATE_NETWORKS).
 */
export type PrivateNetworks = "auto" | "all" | readonly Network[];

/** The private networks allowed now: `auto` read against the installation as it is. */
export type AllowedNetworks = Exclude<PrivateNetworks, "auto">;

export async function allowedNetworks(db: Executor, setting: PrivateNetworks): Promise<AllowedNetworks> {
  if (setting !== "auto") return setting;
  return (await hasSeveralWorkspaces(db)) ? [] : "all";
}

/** Reads ATENDE_PRIVATE_NETWORKS: `auto`, `all`, `none`, or addresses and networks separated by commas; an error naming the entry it cannot read. */
export function parsePrivateNetworks(value: string): PrivateNetworks | Error {
  const word = value.trim().toLowerCase();
  if (word === "auto" || word === "all") return word;
  if (word === "none") return [];
  const networks: Network[] = [];
  for (const entry of value.split(",").map((s) => s.trim().replace(/^\[(.*)\](\/\d+)?$/, "$1$2"))) {
    if (ipaddr.isValidCIDR(entry)) networks.push(ipaddr.parseCIDR(entry));
    else if (ipaddr.isValid(entry)) {
      const address = ipaddr.process(entry);
      networks.push([address, address.kind() === "ipv4" ? 32 : 128]);
    } else return new Error(`cannot read "${entry}": give auto, all, none, or addresses and networks separated by commas, such as 127.0.0.1,10.20.0.0/16,fd00::/8`);
  }
  return networks;
}

/** IPv6's global unicast space: the rest (IPv4-compatible `::a.b.c.d` among it) is no public server's. */
const GLOBAL_UNICAST = ipaddr.parseCIDR("2000::/3");
const NAT64 = ipaddr.parseCIDR("64:ff9b::/96");

/** Whether an address is on the public internet: a unicast address the internet routes (for NAT64, the IPv4 address it carries). */
function isPublic(ip: ipaddr.IPv4 | ipaddr.IPv6): boolean {
  if (ip.kind() === "ipv4") return ip.range() === "unicast";
  if (ip.match(NAT64)) return isPublic(ipaddr.fromByteArray(ip.toByteArray().slice(12)));
  return ip.range() === "unicast" && ip.match(GLOBAL_UNICAST);
}

/**
 * Whether a connection may go to this address: one on the public internet, or on an allowed
 * network. IPv4 written as IPv6 (`::ffff:10.0.0.1`) is read as IPv4; an address ipaddr.js cannot
 * read (a zone id it does not take) is refused.
 */
function mayReach(address: string, allowed: AllowedNetworks): boolean {
  if (allowed === "all") return true;
  let ip: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    ip = ipaddr.process(address);
  } catch {
    return false;
  }
  return isPublic(ip) || allowed.some(([network, bits]) => network.kind() === ip.kind() && ip.match(network, bits));
}

/** A mail server a workspace named is on a network this installation keeps its workspaces out of. */
export class PrivateNetworkError extends Error {
  constructor(host: string) {
    super(
      `The mail server ${host} is on a private network, which this installation does not let its workspaces reach; its operator can allow that network with ATENDE_PRIVATE_NETWORKS.`,
    );
    this.name = "PrivateNetworkError";
  }
}

const unbracketed = (host: string): string => host.toLowerCase().replace(/^\[(.*)\]$/, "$1");

/** The address a host is written as, read as the system reads it (`127.1`, `2130706433` and `0x7f000001` are 127.0.0.1); null for a name. */
function writtenAddress(host: string): string | null {
  const name = unbracketed(host);
  if (isIP(name) !== 0) return name;
  return ipaddr.IPv4.isValid(name) ? ipaddr.IPv4.parse(name).toString() : null;
}

/** The addresses a host stands for without asking DNS: an IP address, or this machine for `localhost`; null for a name DNS answers. */
function literalAddresses(host: string, written = writtenAddress(host)): string[] | null {
  if (written !== null) return [written];
  const name = unbracketed(host);
  if (name === "localhost" || name.endsWith(".localhost")) return ["127.0.0.1"];
  return null;
}

/** Whether a host is refused as it is written, before any lookup: an address, or `localhost`, on a network not allowed. */
export function refusedAsWritten(host: string, allowed: AllowedNetworks): boolean {
  const addresses = literalAddresses(host);
  return addresses !== null && !addresses.every((a) => mayReach(a, allowed));
}

/** The addresses a name stands for. */
export type Resolve = (host: string) => Promise<string[]>;

/** DNS, asked with a time limit and off Node's thread pool: a name server that never answers costs seconds, not a worker. */
const dns = new Resolver({ timeout: 4_000, tries: 2 });

/**
 * What DNS answers for a name (IPv4 and IPv6); a name DNS does not have is asked of the system
 * (its hosts file), as the mail library itself falls back to, for at most 10 seconds. A lookup
 * that timed out is not asked again.
 */
const systemResolve: Resolve = async (host) => {
  const answers = await Promise.allSettled([dns.resolve4(host), dns.resolve6(host)]);
  const addresses = answers.flatMap((a) => (a.status === "fulfilled" ? a.value : []));
  if (addresses.length > 0) return addresses;
  const timedOut = answers.find((a): a is PromiseRejectedResult => a.status === "rejected" && (a.reason as { code?: string }).code === "ETIMEOUT");
  if (timedOut) throw timedOut.reason;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => { reject(new Error(`Looking up ${host} took too long`)); }, 10_000);
  });
  try {
    return (await Promise.race([lookup(host, { all: true }), deadline])).map((a) => a.address);
  } finally {
    clearTimeout(timer);
  }
};

/**
 * Where to connect for a mail server a workspace names: the address it stands for now, checked, and
 * the name its TLS certificate must carry. Every address a name has must be allowed (one private
 * address among public ones is refused), and the connection goes to the address checked, never to a
 * second lookup, which could answer otherwise. Throws PrivateNetworkError, or the lookup's error.
 */
export async function mailServerAddress(host: string, allowed: AllowedNetworks, resolve: Resolve = systemResolve): Promise<{ host: string; servername?: string }> {
  if (allowed === "all") return { host };
  const written = writtenAddress(host);
  const addresses = literalAddresses(host, written) ?? (await resolve(host));
  const [first] = addresses;
  if (first === undefined) throw new Error(`The mail server's name ${host} stands for no address`);
  if (!addresses.every((a) => mayReach(a, allowed))) throw new PrivateNetworkError(host);
  if (written !== null) return { host: written }; // an address has no name for TLS
  // IPv4 first when the name has both, as the mail library's own lookup does: a host without an IPv6 route still connects.
  return { host: addresses.find((a) => isIP(a) === 4) ?? first, servername: host };
}
