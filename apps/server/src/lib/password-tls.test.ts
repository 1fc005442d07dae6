import { describe, expect, it } from "vitest";
import { passwordNeedsStartTls } from "./password-tls.js";

describe("passwordNeedsStartTls", () => {
  it("asks for STARTTLS before a password goes to a server not on TLS, unless it is this machine", () => {
    expect(passwordNeedsStartTls({ host: "smtp.loja.example", secure: false }, true)).toBe(true);
    expect(passwordNeedsStartTls({ host: "10.0.0.5", secure: false }, true)).toBe(true);
    expect(passwordNeedsStartTls({ host: "127.0.0.1", secure: false }, true)).toBe(false);
    expect(passwordNeedsStartTls({ host: "localhost", secure: false }, true)).toBe(false);
    expect(passwordNeedsStartTls({ host: "[::1]", secure: false }, true)).toBe(false);
    expect(passwordNeedsStartTls({ host: "127.evil.example", secure: false }, true)).toBe(true);
  });

  it("asks for nothing more on TLS from the start, or with no password to send", () => {
    expect(passwordNeedsStartTls({ host: "smtp.loja.example", secure: true }, true)).toBe(false);
    expect(passwordNeedsStartTls({ host: "smtp.loja.example", secure: false }, false)).toBe(false);
  });
});
