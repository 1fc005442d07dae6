import { lookup } from "node:dns/promises";
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

/**
 * Whether a connection may go to this address: one on the public internet (a unicast address the
 * internet routes), or on an allowed network. IPv4 written as IPv6 (`::ffff:10.0.0.1`) is read as IPv4.
 */
function mayReach(address: string, allowed: AllowedNetworks): boolean {
  if (allowed === "all") return true;
  const ip = ipaddr.process(address);
  return ip.range() === "unicast" || allowed.some(([network, bits]) => network.kind() === ip.kind() && ip.match(network, bits));
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

/** The addresses a host stands for without asking DNS: an IP address, or this machine for `localhost`; null for a name DNS answers. */
function literalAddresses(host: string): string[] | null {
  const name = unbracketed(host);
  if (isIP(name) !== 0) return [name];
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

/** As the system answers (its hosts file, then DNS), as the mail libraries themselves would ask. */
const systemResolve: Resolve = async (host) => (await lookup(host, { all: true })).map((a) => a.address);

/**
 * Where to connect for a mail server a workspace names: the address it stands for now, checked, and
 * the name its TLS certificate must carry. Every address a name has must be allowed (one private
 * address among public ones is refused), and the connection goes to the address checked, never to a
 * second lookup, which could answer otherwise. Throws PrivateNetworkError, or the lookup's error.
 */
export async function mailServerAddress(host: string, allowed: AllowedNetworks, resolve: Resolve = systemResolve): Promise<{ host: string; servername?: string }> {
  if (allowed === "all") return { host };
  const addresses = literalAddresses(host) ?? (await resolve(host));
  const [first] = addresses;
  if (first === undefined) throw new Error(`The mail server's name ${host} stands for no address`);
  if (!addresses.every((a) => mayReach(a, allowed))) throw new PrivateNetworkError(host);
  if (isIP(unbracketed(host)) !== 0) return { host };
  // IPv4 first when the name has both, as the mail library's own lookup does: a host without an IPv6 route still connects.
  return { host: addresses.find((a) => isIP(a) === 4) ?? first, servername: host };
}
