import type { WebsocketPluginOptions } from "@fastify/websocket";
import type { FastifyRequest } from "fastify";
import { AppError } from "../lib/app-error.js";

/** A WebSocket key: 16 bytes in base64 (RFC 6455 §4.1), as the `ws` library requires. */
const KEY = /^[A-Za-z0-9+/]{22}==$/;
/** The protocol versions `ws` speaks. */
const VERSIONS = new Set(["8", "13"]);

/**
 * Refuses a WebSocket handshake `ws` would refuse, before any route reads it: a problem+json 400
 * naming what is missing, like every other bad request (`ws` would answer with a line of text,
 * after the route had already checked the credentials).
 */
export async function checkHandshake(request: FastifyRequest): Promise<void> {
  if (request.headers.upgrade?.toLowerCase() !== "websocket") return;
  const key = request.headers["sec-websocket-key"];
  const version = request.headers["sec-websocket-version"];
  if (typeof key !== "string" || !KEY.test(key)) throw badHeader("Sec-WebSocket-Key", "must be 16 bytes in base64");
  if (typeof version !== "string" || !VERSIONS.has(version)) throw badHeader("Sec-WebSocket-Version", "must be 13");
}

const badHeader = (path: string, message: string) => new AppError("BAD_REQUEST", `${path}: ${message}`, [{ path, message, code: "format" }]);

/** `ws` error codes of what a client sent wrong (a frame too large or malformed): `WS_ERR_…`. */
const CLIENT_FAULT = /^WS_ERR_/;

/**
 * The sockets' options: frames of at most 64 KiB, and an error on an open socket logged by whose it
 * is. A client's bad frame or a dropped connection is noted at info level (anyone could otherwise
 * write error lines at will); a failure of ours stays an error. Either way the socket closes.
 */
export const websocketOptions: WebsocketPluginOptions = {
  options: { maxPayload: 64 * 1024 },
  errorHandler(error, socket, request) {
    const code = (error as { code?: unknown }).code;
    const clientFault = typeof code === "string" && (CLIENT_FAULT.test(code) || code === "ECONNRESET" || code === "EPIPE");
    if (clientFault) request.log.info({ err: error }, "a socket closed on what its client sent");
    else request.log.error({ err: error }, "a socket failed");
    socket.terminate();
  },
};
