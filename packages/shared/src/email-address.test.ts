import { describe, expect, it } from "vitest";
import { nameAndAddress, replyAllCopies, splitRecipient } from "./email-address.js";

describe("splitRecipient", () => {
  it("separates the reply token and lower-cases the address", () => {
    expect(splitRecipient("Suporte+01a2-x@Loja.com.br")).toEqual({ address: "suporte@loja.com.br", token: "01a2-x" });
    expect(splitRecipient("podpora@obchod.cz")).toEqual({ address: "podpora@obchod.cz", token: null });
  });
});

describe("replyAllCopies", () => {
  it("copies everyone the customer's mail went to but the inbox (with or without its token) and the customer, once each", () => {
    const email = { to: ["Suporte+01a2@loja.example", "gerente@cliente.example"], cc: ["financeiro@cliente.example", "gerente@cliente.example", "marta@cliente.example"] };
    expect(replyAllCopies(email, "suporte@loja.example", "marta@cliente.example")).toEqual(["gerente@cliente.example", "financeiro@cliente.example"]);
    expect(replyAllCopies(null, "suporte@loja.example", "marta@cliente.example")).toEqual([]);
  });
});

describe("nameAndAddress", () => {
  it("reads a name and an address, or an address alone", () => {
    expect(nameAndAddress("Ana Lima <ana@x.example>")).toEqual({ email: "ana@x.example", name: "Ana Lima" });
    expect(nameAndAddress(" ana@x.example ")).toEqual({ email: "ana@x.example", name: undefined });
    expect(nameAndAddress("a <b>c>")).toEqual({ email: "a <b>c>", name: undefined });
  });
});
