import { describe, expect, it } from "vitest";
import { line, TimeZone } from "./common.js";

describe("line", () => {
  const name = line(50);
  it("gives a name as it looks: one Unicode form, nothing invisible, no direction tricks", () => {
    expect(name.parse("cafe\u0301")).toBe("café");
    expect(name.parse("café\u200b")).toBe("café");
    expect(name.parse("\ufeffbilling\u00ad")).toBe("billing");
    expect(name.parse("invoice\u202egpj.exe")).toBe("invoicegpj.exe");
  });

  it("keeps the joiners emoji and scripts need, and refuses a name that is only invisible", () => {
    expect(name.parse("família 👨\u200d👩\u200d👧")).toBe("família 👨\u200d👩\u200d👧");
    expect(name.safeParse("\u200b \u200e").success).toBe(false);
  });
});

describe("TimeZone", () => {
  it("keeps the zone its user chose, in the database's case", () => {
    expect(TimeZone.parse("europe/prague")).toBe("Europe/Prague");
    expect(TimeZone.parse("AMERICA/SAO_PAULO")).toBe("America/Sao_Paulo");
    expect(TimeZone.parse("Europe/Kyiv")).toBe("Europe/Kyiv"); // not the older name the database keeps
    expect(TimeZone.parse("Europe/Lisbon")).toBe("Europe/Lisbon");
    expect(TimeZone.safeParse("Mars/Olympus").success).toBe(false);
    expect(TimeZone.safeParse("+01:00").success).toBe(false);
  });
});
