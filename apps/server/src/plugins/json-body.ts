import { isUtf8 } from "node:buffer";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { AppError } from "../lib/app-error.js";

/**
 * Parses JSON bodies strictly: bytes that are not UTF-8 are refused rather than silently replaced
 * with U+FFFD, and a syntax error names the body. A compressed body (any Content-Encoding but
 * identity), which no parser here reads, is a 415 naming the header, whatever its type.
 */
export const jsonBody = fp((app: FastifyInstance) => {
  app.addHook("onRequest", async (request) => {
    const encoding = request.headers["content-encoding"]?.trim().toLowerCase();
    if (encoding && encoding !== "identity") {
      throw new AppError("UNSUPPORTED_MEDIA_TYPE", `headers.content-encoding: a body encoded as ${encoding.slice(0, 40)} is not accepted; send it uncompressed`, [
        { path: "headers.content-encoding", message: "is not accepted: send the body uncompressed", code: "format" },
      ]);
    }
  });
  // JSON only: without Fastify's built-in text/plain parser, any other body is a 415.
  app.removeContentTypeParser(["application/json", "text/plain"]);
  app.addContentTypeParser(/^application\/([\w.+-]+\+)?json$/, { parseAs: "buffer" }, (_req, body: Buffer, done) => {
    if (body.length === 0) {
      done(null, undefined);
      return;
    }
    if (!isUtf8(body)) {
      done(new AppError("BAD_REQUEST", "body: is not valid UTF-8", [{ path: "body", message: "is not valid UTF-8", code: "format" }]));
      return;
    }
    try {
      done(null, JSON.parse(body.toString("utf8")) as unknown);
    } catch (err) {
      const reason = err instanceof Error ? err.message : "unreadable";
      done(new AppError("BAD_REQUEST", `body: is not valid JSON (${reason})`, [{ path: "body", message: "is not valid JSON", code: "format" }]));
    }
  });
});
