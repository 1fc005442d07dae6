import { describe, expect, it } from "vitest";
import { splitQuoted } from "./quoted.js";

describe("splitQuoted", () => {
  it.each([
    ["Gmail in English", "Thanks, that works!\n\nOn Mon, 3 Nov 2026 at 10:12, Atende Support <support@shop.example> wrote:\n> Could you try again?"],
    ["Gmail in Portuguese, wrapped", "Obrigada!\n\nEm seg., 3 de nov. de 2026 às 10:12, Suporte Loja\n<suporte@loja.example> escreveu:\n> Pode tentar de novo?"],
    ["Czech Thunderbird", "Děkuji, funguje to.\n\nDne 03. 11. 26 v 10:12 Podpora napsal(a):\n> Zkuste to prosím znovu."],
    ["Outlook header block", "Perfeito.\n\nFrom: Suporte <suporte@loja.example>\nSent: Monday, November 3, 2026 10:12\nTo: Ana\nSubject: Re: pedido"],
    ["Outlook separator", "Ok.\n\n-----Original Message-----\nFrom: Support"],
    ["bare quote lines", "Sounds good.\n\n> earlier text\n> more"],
  ])("separates the history of a %s reply", (_kind, text) => {
    const { visible, quoted } = splitQuoted(text);
    expect(visible).toBe(text.split("\n\n")[0]);
    expect(quoted).not.toBeNull();
    expect(text).toContain(quoted ?? "-");
  });

  it("keeps a message without history whole", () => {
    expect(splitQuoted("Olá,\nmeu pedido não chegou.\n")).toEqual({ visible: "Olá,\nmeu pedido não chegou.", quoted: null });
  });

  it("keeps everything visible when the message is only a quote", () => {
    expect(splitQuoted("> just forwarding this\n> to you")).toEqual({ visible: "> just forwarding this\n> to you", quoted: null });
  });
});
