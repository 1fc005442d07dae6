import { createSocket } from "node:dgram";

export type DnsServer = { address: string; txt: Map<string, string[]>; close: () => Promise<void> };

/** The name a DNS query asks about (RFC 1035 §4.1.2), and where its question ends. */
function readQuestion(query: Buffer): { name: string; end: number; type: number } {
  const labels: string[] = [];
  let at = 12;
  for (let length = query[at] ?? 0; length > 0; length = query[at] ?? 0) {
    labels.push(query.subarray(at + 1, at + 1 + length).toString("ascii"));
    at += length + 1;
  }
  return { name: labels.join(".").toLowerCase(), type: query.readUInt16BE(at + 1), end: at + 5 };
}

/**
 * A DNS server for a test, on loopback UDP, answering TXT queries from `txt` (name → strings) and
 * NXDOMAIN for anything else: the real protocol, for code that looks records up with node:dns.
 */
export async function startDnsServer(): Promise<DnsServer> {
  const txt = new Map<string, string[]>();
  const socket = createSocket("udp4");
  socket.on("message", (query, peer) => {
    const { name, type, end } = readQuestion(query);
    const values = type === 16 ? txt.get(name) : undefined;
    const header = Buffer.alloc(12);
    query.copy(header, 0, 0, 2); // the query's id
    header.writeUInt16BE(values ? 0x8180 : 0x8183, 2); // a response, recursion available; NXDOMAIN when unknown
    header.writeUInt16BE(1, 4);
    header.writeUInt16BE(values?.length ?? 0, 6);
    const answers = (values ?? []).map((value) => {
      const text = Buffer.from(value, "utf8");
      const record = Buffer.alloc(12);
      record.writeUInt16BE(0xc00c, 0); // the name: a pointer to the question's
      record.writeUInt16BE(16, 2); // TXT
      record.writeUInt16BE(1, 4); // IN
      record.writeUInt32BE(60, 6);
      record.writeUInt16BE(text.length + 1, 10);
      return Buffer.concat([record, Buffer.from([text.length]), text]);
    });
    socket.send(Buffer.concat([header, query.subarray(12, end), ...answers]), peer.port, peer.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", resolve));
  const { port } = socket.address();
  return {
    address: `127.0.0.1:${String(port)}`,
    txt,
    close: () =>
      new Promise<void>((resolve) => {
        socket.close(() => {
          resolve();
        });
      }),
  };
}
