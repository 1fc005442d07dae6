import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "./test-app.js";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe("service endpoints", () => {
  it("healthz answers while the process runs and readyz when the database answers", async () => {
    expect((await t.app.inject({ url: "/healthz" })).json()).toEqual({ status: "ok" });
    expect((await t.app.inject({ url: "/readyz" })).statusCode).toBe(200);
  });

  it("serves an OpenAPI 3.1 document generated from the zod schemas, with field constraints", async () => {
    const doc = (await t.app.inject({ url: "/api/openapi.json" })).json<{
      openapi: string;
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: unknown }> } }>>;
    }>();
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/api/v1/conversations", "/api/v1/conversations/{id}/messages", "/api/v1/search"]));
    const body = JSON.stringify(doc.paths["/api/v1/conversations/{id}/messages"]?.post?.requestBody);
    expect(body).toContain('"maxLength":200000');
    expect(body).toContain('"enum":["incoming","outgoing"]');
  });

  it("serves the API documentation page under a Content-Security-Policy, and every answer with nosniff", async () => {
    const res = await t.app.inject({ url: "/api/docs/" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("text/html");
    expect(res.headers["content-security-policy"]).toMatch(/script-src 'self'/);
    for (const url of ["/api/docs/", "/api/openapi.json", "/api/v1/me", "/api/v1/nothing-here", "/healthz", "/widget/v1/messages"]) {
      expect((await t.app.inject({ url })).headers["x-content-type-options"], url).toBe("nosniff");
    }
  });

  it("answers an unknown route with a problem naming it", async () => {
    const res = await t.app.inject({ url: "/api/v1/nothing-here" });
    expect(res.statusCode).toBe(404);
    expect(res.headers["content-type"]).toContain("application/problem+json");
  });
});
