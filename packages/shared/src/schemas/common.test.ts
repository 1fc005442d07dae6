import { describe, expect, it } from "vitest";
import { exactLine, line, optionalLine, TimeZone } from "./common.js";

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

describe("one line", () => {
  it("makes a line break, a tab or another control character in a name a space", () => {
    expect(line(100).parse("Evil\r\nBcc: victim@example.com")).toBe("Evil Bcc: victim@example.com");
    expect(line(100).parse("Ana\tSilva\u001b[31m")).toBe("Ana Silva [31m");
    expect(optionalLine(100).parse(" Loja\n\nAzul ")).toBe("Loja Azul");
    expect(optionalLine(100).parse("\r\n")).toBeNull();
    expect(line(100).parse("Ana  Silva")).toBe("Ana  Silva"); // spaces typed stay
  });

  it("refuses a control character in what another server reads, rather than change it", () => {
    expect(exactLine(100).parse(" mail.loja.example ")).toBe("mail.loja.example");
    const broken = exactLine(100).safeParse("INBOX\r\nA1 DELETE Archive");
    expect(broken.success).toBe(false);
    expect(broken.error?.issues[0]?.message).toMatch(/one line/);
  });
});

describe("TimeZone", () => {
  it("keeps the canonical name, which PostgreSQL knows too, whatever alias or case was written", () => {
    expect(TimeZone.parse("europe/prague")).toBe("Europe/Prague");
    expect(TimeZone.parse("AET")).toBe("Australia/Sydney"); // PostgreSQL does not know "AET"
    expect(TimeZone.safeParse("Mars/Olympus").success).toBe(false);
  });
});
