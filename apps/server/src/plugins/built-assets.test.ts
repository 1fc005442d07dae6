import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Fastify from "fastify";
import { describe, expect, it } from "vitest";
import { missingBuild } from "./built-assets.js";

describe("missingBuild", () => {
  it("is null when every file is built", () => {
    const dist = mkdtempSync(join(tmpdir(), "atende-dist-"));
    writeFileSync(join(dist, "index.html"), "<!doctype html>");
    expect(missingBuild(Fastify(), "web app", dist, ["index.html"])).toBeNull();
  });

  it("answers 503 naming `npm run build` when a file is missing", async () => {
    const app = Fastify();
    const notBuilt = missingBuild(app, "chat widget", join(tmpdir(), "atende-no-such-dist"), ["widget.js"]);
    expect(notBuilt).not.toBeNull();
    if (notBuilt) app.get("/widget.js", notBuilt);
    const response = await app.inject({ url: "/widget.js" });
    expect(response.statusCode).toBe(503);
    expect(response.body).toBe("The chat widget is not built yet: run `npm run build` (npm start builds it).");
  });
});
