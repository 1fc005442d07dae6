import { Writable } from "node:stream";
import Fastify from "fastify";
import { describe, expect, it } from "vitest";
import { createLogger, loggedUrl } from "./logger.js";

describe("the request log", () => {
  it("keeps a query's names and leaves out its values", () => {
    expect(loggedUrl("/widget/v1/socket?token=avt_secret&after=5")).toBe("/widget/v1/socket?token=[redacted]&after=[redacted]");
    expect(loggedUrl("/api/v1/conversations")).toBe("/api/v1/conversations");
    expect(loggedUrl("/x?")).toBe("/x?");
  });

  it("writes no credential a request carries in its address, at debug level, where Fastify logs every request", async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const app = Fastify({ loggerInstance: createLogger({ logLevel: "debug" }, sink) });
    app.get("/app/reset-password", () => "ok");
    await app.inject({ method: "GET", url: "/app/reset-password?token=apr_do_not_log_me" });
    await app.close();
    const logged = lines.join("");
    expect(logged).toContain("/app/reset-password?token=[redacted]"); // the request was logged, without its token
    expect(logged).not.toContain("apr_do_not_log_me");
  });
});
