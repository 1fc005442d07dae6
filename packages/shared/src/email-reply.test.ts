import { describe, expect, it } from "vitest";
import { bestLocale, composePasswordReset, composeReplyText } from "./email-reply.js";

const quoted = { at: new Date("2026-11-23T13:05:00Z"), name: "Joana Lima", text: "Meu pedido não chegou.\n\nObrigada" };

describe("composeReplyText", () => {
  it("puts the signature after the standard separator and quotes the customer's last message in the agent's language", () => {
    const text = composeReplyText({ body: "Olá Joana, já reenviamos.  ", signature: "Equipe Loja\nsuporte@loja.example", quoted, locale: "pt-BR" });
    expect(text).toBe(
      "Olá Joana, já reenviamos.\n\n-- \nEquipe Loja\nsuporte@loja.example\n\nEm 23 de nov. de 2026, 13:05 UTC, Joana Lima escreveu:\n> Meu pedido não chegou.\n>\n> Obrigada\n",
    );
  });

  it.each([
    ["en", "On Nov 23, 2026, 1:05 PM UTC, Joana Lima wrote:"],
    ["cs", "Dne 23. 11. 2026 13:05 UTC Joana Lima napsal(a):"],
  ] as const)("writes the quote line in %s", (locale, header) => {
    expect(composeReplyText({ body: "x", signature: null, quoted, locale })).toContain(header);
  });

  it("sends the words alone when there is no signature nor anything to quote", () => {
    expect(composeReplyText({ body: "Hello", signature: "  ", quoted: null, locale: "en" })).toBe("Hello\n");
  });
});

describe("bestLocale", () => {
  it.each([
    ["cs-CZ,cs;q=0.9,en;q=0.8", "cs"],
    ["pt-BR,pt;q=0.9", "pt-BR"],
    ["pt-PT", "pt-BR"],
    ["de-DE,de;q=0.9,cs;q=0.5,en;q=0.4", "cs"],
    ["en;q=0.5, pt;q=0.8", "pt-BR"],
    ["de, fr;q=0.9", "en"],
    ["cs;q=0, *;q=0.5", "en"],
    ["EN-us", "en"],
    ["", "en"],
    [null, "en"],
  ] as const)("picks %s as %s", (header, locale) => {
    expect(bestLocale(header)).toBe(locale);
  });
});

describe("composePasswordReset", () => {
  const opts = { email: "joana@loja.example", workspace: "Loja", link: "https://atende.example/app/reset-password?token=abc" };

  it.each(["en", "pt-BR", "cs"] as const)("carries the link and the workspace in %s", (locale) => {
    const { subject, text } = composePasswordReset({ ...opts, locale });
    expect(subject).not.toBe("");
    expect(text).toContain(`\n${opts.link}\n`);
    expect(text).toContain("Loja");
    expect(text).toContain(opts.email);
    expect(text).not.toContain("{{");
  });
});
