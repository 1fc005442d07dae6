import { describe, expect, it } from "vitest";
import { mailServerAddress, parsePrivateNetworks, PrivateNetworkError, refusedAsWritten, type AllowedNetworks } from "./private-networks.js";

// What the resolver answers for the names of a company's network.
const ANSWERS: Record<string, string[]> = {
  "intranet.loja.example": ["10.0.0.5"],
  "rebound.loja.example": ["93.184.215.14", "::1"],
  "mail.loja.example": ["2606:2800:21f:cb07::1", "93.184.215.14"],
};
const resolve = (host: string): Promise<string[]> => Promise.resolve(ANSWERS[host] ?? []);

const networks = (value: string): AllowedNetworks => {
  const parsed = parsePrivateNetworks(value);
  if (parsed instanceof Error || parsed === "auto") throw new Error(`not a list: ${value}`);
  return parsed;
};

describe("ATENDE_PRIVATE_NETWORKS", () => {
  it("reads auto, all, none, and lists of addresses and networks of both families", () => {
    expect(parsePrivateNetworks("auto")).toBe("auto");
    expect(parsePrivateNetworks(" ALL ")).toBe("all");
    expect(parsePrivateNetworks("none")).toEqual([]);
    expect(networks("127.0.0.1, 10.20.0.0/16,fd00::/8,[::1]")).toHaveLength(4);
  });

  it("names the entry it cannot read", () => {
    for (const bad of ["10.0.0.0/33", "intranet", "10.0.0.1,", "10.0.0.0/8;192.168.0.0/16", ""]) {
      const parsed = parsePrivateNetworks(bad);
      expect(parsed, bad).toBeInstanceOf(Error);
      expect((parsed as Error).message).toMatch(/^cannot read ".*": give auto, all, none/);
    }
  });
});

describe("which mail servers a workspace may name", () => {
  const none = networks("none");

  it("refuses every address the internet does not route, however it is written", () => {
    for (const host of ["127.0.0.1", "127.1.2.3", "10.0.0.5", "172.16.4.4", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "255.255.255.255", "224.0.0.1"]) {
      expect(refusedAsWritten(host, none), host).toBe(true);
    }
    for (const host of ["127.1", "2130706433", "0x7f000001", "0", "012.0.0.1", "::a00:1", "2001:db8::1", "64:ff9b::a00:1", "fe80::1%eth-0"]) {
      expect(refusedAsWritten(host, none), host).toBe(true); // short, numeric, IPv4-compatible, NAT64 and zoned forms
    }
    for (const host of ["::1", "[::1]", "::", "fd00::1", "fe80::1", "::ffff:10.0.0.1", "::ffff:127.0.0.1", "localhost", "LOCALHOST", "mail.localhost"]) {
      expect(refusedAsWritten(host, none), host).toBe(true);
    }
  });

  it("takes public addresses and names (a name is checked where Atende connects), and what the operator allows", () => {
    for (const host of ["8.8.8.8", "2a00:1450:4001::1a", "64:ff9b::808:808", "smtp.loja.example", "127.0.0.1.loja.example"]) expect(refusedAsWritten(host, none), host).toBe(false);
    const office = networks("10.20.0.0/16,127.0.0.1");
    expect(refusedAsWritten("10.20.3.4", office)).toBe(false);
    expect(refusedAsWritten("::ffff:10.20.3.4", office)).toBe(false);
    expect(refusedAsWritten("localhost", office)).toBe(false);
    expect(refusedAsWritten("10.21.0.1", office)).toBe(true);
    expect(refusedAsWritten("127.0.0.2", office)).toBe(true);
    expect(refusedAsWritten("10.0.0.5", "all")).toBe(false);
  });

  it("connects to the address a name stands for, checked, with the name kept for TLS; refuses a name that stands for a private address", async () => {
    await expect(mailServerAddress("localhost", none)).rejects.toBeInstanceOf(PrivateNetworkError);
    await expect(mailServerAddress("intranet.loja.example", none, resolve)).rejects.toThrow(/^The mail server intranet\.loja\.example is on a private network/);
    await expect(mailServerAddress("rebound.loja.example", none, resolve)).rejects.toBeInstanceOf(PrivateNetworkError); // one private address among public ones
    expect(await mailServerAddress("mail.loja.example", none, resolve)).toEqual({ host: "93.184.215.14", servername: "mail.loja.example" });
    await expect(mailServerAddress("nowhere.loja.example", none, resolve)).rejects.toThrow(/stands for no address/);
    expect(await mailServerAddress("intranet.loja.example", networks("10.0.0.0/8"), resolve)).toEqual({ host: "10.0.0.5", servername: "intranet.loja.example" });
    await expect(mailServerAddress("10.0.0.5", none)).rejects.toThrow(/^The mail server 10\.0\.0\.5 is on a private network/);
    expect(await mailServerAddress("localhost", networks("127.0.0.0/8"))).toEqual({ host: "127.0.0.1", servername: "localhost" });
    expect(await mailServerAddress("127.0.0.1", networks("127.0.0.0/8"))).toEqual({ host: "127.0.0.1" });
    expect(await mailServerAddress("8.8.8.8", none)).toEqual({ host: "8.8.8.8" });
    expect(await mailServerAddress("[2a00:1450:4001::1a]", none)).toEqual({ host: "2a00:1450:4001::1a" }); // as the libraries take it
    expect(await mailServerAddress("127.1", networks("127.0.0.0/8"))).toEqual({ host: "127.0.0.1" });
    // Everything allowed: the mail library looks the name up itself, as before.
    expect(await mailServerAddress("smtp.loja.example", "all")).toEqual({ host: "smtp.loja.example" });
  });
});
