import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.js";

describe("loadConfig", () => {
  it("works with no settings at all", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, dataDir: "./data", databaseUrl: undefined, demo: true, bodyLimit: 1_048_576 });
  });

  it("names every invalid variable", () => {
    expect(() => loadConfig({ PORT: "x", DATABASE_URL: "mysql://db" })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: "x", DATABASE_URL: "mysql://db" })).toThrow(/PORT[\s\S]*DATABASE_URL/);
  });

  it("reads ATENDE_DEMO=0 as no demo", () => {
    expect(loadConfig({ ATENDE_DEMO: "0" }).demo).toBe(false);
  });
});
