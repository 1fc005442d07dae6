import { describe, expect, it } from "vitest";
import { classifyAutomated } from "./automated.js";

const headers = (entries: Record<string, unknown>) => ({ get: (name: string) => entries[name] });

describe("classifyAutomated", () => {
  it.each([
    [{ "auto-submitted": "auto-replied" }, null, "auto-reply"],
    [{ "x-autoreply": "yes" }, null, "auto-reply"],
    [{ precedence: "auto_reply" }, null, "auto-reply"],
    [{ "content-type": { value: "multipart/report", params: { "report-type": "delivery-status" } } }, null, "bounce"],
    [{}, "MAILER-DAEMON@mx.example", "bounce"],
    [{ "list-id": "<news.shop.example>" }, null, "list"],
    [{ precedence: "bulk" }, null, "list"],
    [{ "auto-submitted": "no" }, "ana@example.com", null],
    [{}, "ana@example.com", null],
  ])("%j from %s is %s", (entries, from, expected) => {
    expect(classifyAutomated(headers(entries), from)).toBe(expected);
  });
});
