import type { FastifyReply, FastifyRequest } from "fastify";
import type { WebSocket } from "ws";
import { describe, expect, it } from "vitest";
import { websocketOptions } from "./websockets.js";

/** The levels an error on an open socket is logged at, and whether the socket was closed. */
function handled(error: Error & { code?: string }) {
  const levels: string[] = [];
  let closed = false;
  const log = { info: () => levels.push("info"), error: () => levels.push("error") };
  const socket = { terminate: () => (closed = true) } as unknown as WebSocket;
  websocketOptions.errorHandler?.call(undefined as never, error, socket, { log } as unknown as FastifyRequest, {} as FastifyReply);
  return { levels, closed };
}

describe("an error on an open socket", () => {
  it("is the client's when it sent a frame too large or malformed, or dropped the connection: noted at info level", () => {
    const tooLarge = Object.assign(new RangeError("Max payload size exceeded"), { code: "WS_ERR_UNSUPPORTED_MESSAGE_LENGTH" });
    const reset = Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" });
    expect(handled(tooLarge)).toEqual({ levels: ["info"], closed: true });
    expect(handled(reset)).toEqual({ levels: ["info"], closed: true });
  });

  it("is ours otherwise: logged as an error", () => {
    expect(handled(new TypeError("cannot read properties of undefined"))).toEqual({ levels: ["error"], closed: true });
  });
});
