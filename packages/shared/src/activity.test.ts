import { describe, expect, it } from "vitest";
import { describeActivity } from "./activity.js";

describe("describeActivity", () => {
  it("names who did what", () => {
    expect(describeActivity({ action: "status", from: "open", to: "resolved", actorName: "Ana" })).toBe(
      "Ana changed the status from open to resolved",
    );
    expect(describeActivity({ action: "assignee", from: null, to: "Petr", actorName: "Ana" })).toBe(
      "Ana assigned the conversation to Petr",
    );
    expect(describeActivity({ action: "assignee", from: "Petr", to: null, actorName: "Ana" })).toBe("Ana unassigned Petr");
  });

  it("says which tags were added and which removed", () => {
    expect(describeActivity({ action: "tags", from: null, to: "vip", actorName: "Ana" })).toBe("Ana added tags: vip");
    expect(describeActivity({ action: "tags", from: "vip, troca", to: "troca", actorName: "Ana" })).toBe("Ana removed tags: vip");
    expect(describeActivity({ action: "tags", from: "vip", to: "reembolso, troca", actorName: "Ana" }, "pt-BR")).toBe(
      "Ana adicionou etiquetas: reembolso, troca; removeu: vip",
    );
    expect(describeActivity({ action: "tags", from: "vip", to: null, actorName: "Ana" }, "cs")).toBe("Ana odebral(a) štítky: vip");
  });
});

describe("describeActivity in other languages", () => {
  it("translates the sentence and the status words", () => {
    const a = { action: "status", from: "open", to: "resolved", actorName: "Ana" } as const;
    expect(describeActivity(a, "pt-BR")).toBe("Ana mudou o status de aberta para resolvida");
    expect(describeActivity(a, "cs")).toBe("Ana změnil(a) stav z „otevřená“ na „vyřešená“");
  });

  it("has the same keys in every language", async () => {
    const [en, pt, cs] = await Promise.all(
      ["en", "pt-BR", "cs"].map(async (l) => (await import(`../../../locales/${l}/activity.json`, { with: { type: "json" } })) as { default: object }),
    );
    const keys = (o: object | undefined) => JSON.stringify(Object.keys(o ?? {}).sort());
    expect(keys(pt?.default)).toBe(keys(en?.default));
    expect(keys(cs?.default)).toBe(keys(en?.default));
  });
});
