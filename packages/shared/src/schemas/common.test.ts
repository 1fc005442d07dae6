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
  it("keeps the canonical name, which PostgreSQL knows too, whatever alias or case was written", () => {
    expect(TimeZone.parse("europe/prague")).toBe("Europe/Prague");
    expect(TimeZone.parse("AET")).toBe("Australia/Sydney"); // PostgreSQL does not know "AET"
    expect(TimeZone.safeParse("Mars/Olympus").success).toBe(false);
  });
});
