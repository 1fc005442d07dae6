import { describe, expect, it } from "vitest";
import { safeFileName } from "./file-name.js";

describe("safeFileName", () => {
  it.each([
    ["../../etc/passwd", "passwd"],
    ["C:\\Users\\ana\\fatura.pdf", "fatura.pdf"],
    ["fatura\u202Efdp.exe", "faturafdp.exe"],
    ["nota\u2066fiscal\u2069.pdf", "notafiscal.pdf"],
    ["a\u0000b\u0007c.txt", "abc.txt"],
    ["half\ud800.pdf", "half\ufffd.pdf"],
    ["  ..hidden. ", "hidden"],
    ["what?<is>:this|*.doc", "what__is__this__.doc"],
    ["..", "file"],
    ["", "file"],
    ["zero\u200Bwidth.png", "zerowidth.png"],
    ["Relatório de março.xlsx", "Relatório de março.xlsx"],
    ["CON", "_CON"],
    ["nul.txt", "_nul.txt"],
    ["com1.log", "_com1.log"],
    ["console.log", "console.log"],
  ])("%j → %j", (name, safe) => {
    expect(safeFileName(name)).toBe(safe);
  });

  it("keeps the extension of a name it shortens", () => {
    const long = `${"x".repeat(500)}.pdf`;
    expect(safeFileName(long)).toHaveLength(200);
    expect(safeFileName(long).endsWith(".pdf")).toBe(true);
  });
});
