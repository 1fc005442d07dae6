import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { describeSystemError } from "./connection-error.js";

/** What listening on a port another server holds throws, for real. */
async function portInUse(): Promise<{ port: number; error: unknown }> {
  const first = createServer();
  await new Promise<void>((resolve) => first.listen(0, "127.0.0.1", resolve));
  const { port } = first.address() as AddressInfo;
  const second = createServer();
  const error = await new Promise<unknown>((resolve) => {
    second.once("error", resolve);
    second.listen(port, "127.0.0.1");
  });
  first.close();
  return { port, error };
}

describe("describeSystemError", () => {
  it("names the fix for a port another program holds", async () => {
    const { port, error } = await portInUse();
    expect(describeSystemError(error)).toBe(`atende: port ${String(port)} is in use by another program (another Atende?). Stop it, or choose another port with --port or PORT.`);
  });

  it("says nothing of errors it does not know", () => {
    expect(describeSystemError(new Error("something else"))).toBeNull();
    expect(describeSystemError(Object.assign(new Error("x"), { code: "ENOENT" }))).toBeNull();
  });
});
