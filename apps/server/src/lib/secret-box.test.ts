import { describe, expect, it } from "vitest";
import { createSecretBox } from "./secret-box.js";

describe("secret box", () => {
  const box = createSecretBox("a-secret-key-of-at-least-32-characters!");

  it("opens what it sealed, and seals the same text differently each time", () => {
    const a = box.seal("senha do SMTP");
    expect(box.open(a)).toBe("senha do SMTP");
    expect(box.seal("senha do SMTP")).not.toBe(a);
    expect(a).not.toContain("senha");
  });

  it("refuses a tampered secret or another key", () => {
    const sealed = box.seal("heslo");
    const tampered = `${sealed.slice(0, -4)}AAAA`;
    expect(() => box.open(tampered)).toThrow();
    expect(() => createSecretBox("another-key-of-at-least-32-characters!!").open(sealed)).toThrow();
  });
});
