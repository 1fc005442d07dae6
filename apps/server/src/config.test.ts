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

  it("uses a language model only when its address and model are given, and says which is missing", () => {
    expect(loadConfig({}).llm).toBeNull();
    expect(loadConfig({ ATENDE_LLM_URL: "http://localhost:11434/v1/", ATENDE_LLM_MODEL: "llama3.1" }).llm).toEqual({ url: "http://localhost:11434/v1", model: "llama3.1", apiKey: null, timeoutMs: 10_000 });
    expect(() => loadConfig({ ATENDE_LLM_URL: "http://localhost:11434/v1" })).toThrow(/ATENDE_LLM_MODEL: is needed with ATENDE_LLM_URL/);
    expect(() => loadConfig({ ATENDE_LLM_URL: "ftp://model", ATENDE_LLM_MODEL: "x" })).toThrow(/ATENDE_LLM_URL/);
    // A key in the URL would be logged with it (and fetch refuses it, telling the whole URL): it has its own variable.
    expect(() => loadConfig({ ATENDE_LLM_URL: "https://me:sk-secret@api.example.com/v1", ATENDE_LLM_MODEL: "x" })).toThrow(/ATENDE_LLM_URL: must not hold a user or password: give the model's key in ATENDE_LLM_API_KEY/);
  });

  it("keeps workspaces' mail servers off private networks once there are several (auto), and names an entry it cannot read", () => {
    expect(loadConfig({}).privateNetworks).toBe("auto");
    expect(loadConfig({ ATENDE_PRIVATE_NETWORKS: "none" }).privateNetworks).toEqual([]);
    expect(loadConfig({ ATENDE_PRIVATE_NETWORKS: "10.20.0.0/16,::1" }).privateNetworks).toHaveLength(2);
    expect(() => loadConfig({ ATENDE_PRIVATE_NETWORKS: "10.20.0.0/16,relay.local" })).toThrow(/ATENDE_PRIVATE_NETWORKS: cannot read "relay\.local": give auto, all, none, or addresses and networks/);
  });

  describe("Atende's own mail (ATENDE_SYSTEM_SMTP_URL)", () => {
    const PUBLIC = { ATENDE_PUBLIC_URL: "https://atende.loja.example/" };

    it("is off without a URL", () => {
      expect(loadConfig({})).toMatchObject({ systemMail: null, publicUrl: null });
    });

    it("reads server, port, TLS and percent-encoded credentials, and sends from no-reply at the server's domain", () => {
      const config = loadConfig({ ATENDE_SYSTEM_SMTP_URL: "smtp://mailer%40loja.example:p%40ss%3Aw0rd@mail.loja.example:2587", ...PUBLIC });
      expect(config.publicUrl).toBe("https://atende.loja.example");
      expect(config.systemMail).toEqual({
        smtp: { host: "mail.loja.example", port: 2587, secure: false, auth: { user: "mailer@loja.example", pass: "p@ss:w0rd" } },
        from: { name: "Atende", address: "no-reply@mail.loja.example" },
      });
    });

    it("takes the usual ports: 587 for smtp://, 465 (TLS at once) for smtps://; no credentials when none are given", () => {
      expect(loadConfig({ ATENDE_SYSTEM_SMTP_URL: "smtp://mail.example", ...PUBLIC }).systemMail?.smtp).toEqual({ host: "mail.example", port: 587, secure: false, auth: null });
      expect(loadConfig({ ATENDE_SYSTEM_SMTP_URL: "smtps://u:p@mail.example", ...PUBLIC }).systemMail?.smtp).toMatchObject({ port: 465, secure: true });
    });

    it("sends from ATENDE_SYSTEM_MAIL_FROM, with or without a name; from Atende's domain when the server is an IP address", () => {
      const from = (value: string | undefined, url = "smtp://mail.example") =>
        loadConfig({ ATENDE_SYSTEM_SMTP_URL: url, ATENDE_SYSTEM_MAIL_FROM: value, ...PUBLIC }).systemMail?.from;
      expect(from("Loja Suporte <suporte@loja.example>")).toEqual({ name: "Loja Suporte", address: "suporte@loja.example" });
      expect(from("suporte@loja.example")).toEqual({ name: "", address: "suporte@loja.example" });
      expect(from(undefined, "smtp://127.0.0.1:25")).toEqual({ name: "Atende", address: "no-reply@atende.loja.example" });
    });

    it("refuses a URL that is not an SMTP server's, without repeating it (it may hold a password)", () => {
      for (const bad of ["http://u:secret-pw@mail.example", "mail.example:587", "smtp://u:secret-pw@mail.example/path", "smtp://u:secret-pw@mail.example?x=1"]) {
        const attempt = () => loadConfig({ ATENDE_SYSTEM_SMTP_URL: bad, ...PUBLIC });
        expect(attempt).toThrow(/ATENDE_SYSTEM_SMTP_URL: must/);
        expect(attempt).not.toThrow(/secret-pw/);
      }
    });

    it("needs ATENDE_PUBLIC_URL for its links, and a sender that is an address", () => {
      expect(() => loadConfig({ ATENDE_SYSTEM_SMTP_URL: "smtp://mail.example" })).toThrow(/ATENDE_PUBLIC_URL: is needed with ATENDE_SYSTEM_SMTP_URL/);
      expect(() => loadConfig({ ATENDE_SYSTEM_SMTP_URL: "smtp://mail.example", ATENDE_PUBLIC_URL: "https://atende.example/app" })).toThrow(/ATENDE_PUBLIC_URL: must be the address/);
      expect(() => loadConfig({ ATENDE_SYSTEM_SMTP_URL: "smtp://mail.example", ATENDE_SYSTEM_MAIL_FROM: "Atende", ...PUBLIC })).toThrow(/ATENDE_SYSTEM_MAIL_FROM: must be an e-mail address/);
    });
  });
});
