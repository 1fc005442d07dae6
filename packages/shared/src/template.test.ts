import { describe, expect, it } from "vitest";
import { fillTemplate } from "./template.js";

const ctx = {
  contact: { name: "  Jiří Dvořák ", email: "jiri@example.cz", phone: null, company: null },
  agent: { name: "Ana Souza", email: "ana@example.com" },
  conversation: { number: 42, subject: "Objednávka" },
};

describe("fillTemplate", () => {
  it("fills contact, agent and conversation variables, with spaces inside the braces", () => {
    expect(fillTemplate("Olá {{contact.firstName}}, aqui é {{ agent.name }} (#{{conversation.number}})", ctx)).toBe(
      "Olá Jiří, aqui é Ana Souza (#42)",
    );
  });

  it("leaves unknown variables visible so a typo is noticed", () => {
    expect(fillTemplate("Hi {{contact.frstName}}", ctx)).toBe("Hi {{contact.frstName}}");
  });

  it("knows only its own variables, not what every object inherits", () => {
    expect(fillTemplate("{{constructor}} {{toString}} {{__proto__}} {{hasOwnProperty}}", ctx)).toBe("{{constructor}} {{toString}} {{__proto__}} {{hasOwnProperty}}");
  });

  it("fills missing values with nothing", () => {
    expect(fillTemplate("[{{contact.phone}}]", ctx)).toBe("[]");
    expect(fillTemplate("{{contact.firstName}}!", { ...ctx, contact: { ...ctx.contact, name: null } })).toBe("!");
  });
});
