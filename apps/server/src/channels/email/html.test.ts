import { describe, expect, it } from "vitest";
import { sanitizeEmailHtml } from "./html.js";

describe("sanitizeEmailHtml", () => {
  it("removes scripts, forms, frames and event handlers", () => {
    const out = sanitizeEmailHtml(
      '<p onclick="steal()">Olá<script>alert(1)</script></p><form action="x"><input name="p"></form><iframe src="https://x.example"></iframe>',
    ).html;
    expect(out).toBe("<p>Olá</p>");
  });

  it("keeps remote images from loading and drops tracking pixels", () => {
    const out = sanitizeEmailHtml(
      '<img src="https://cdn.shop.example/logo.png" alt="Logo"><img src="https://track.example/o.gif" width="1" height="1">',
    ).html;
    expect(out).toBe('<img alt="Logo" data-remote-src="https://cdn.shop.example/logo.png" />');
  });

  it("names inline images by their content id", () => {
    expect(sanitizeEmailHtml('<img src="cid:photo1@x" alt="foto">').html).toBe('<img alt="foto" data-cid="photo1@x" />');
    const mixed = sanitizeEmailHtml('<img src="CID:foto%40x"><img src="cid:a&amp;b@x">');
    expect([...mixed.inlineIds]).toEqual(["foto@x", "a&b@x"]);
  });

  it("keeps formatting and makes links open safely, refusing javascript: links", () => {
    const out = sanitizeEmailHtml('<p style="color: red; position: fixed">Dobrý <b>den</b> <a href="https://obchod.example">odkaz</a> <a href="javascript:x()">zlé</a></p>').html;
    expect(out).toContain('<p style="color:red">');
    expect(out).toContain('<a href="https://obchod.example" rel="noopener noreferrer nofollow" target="_blank">odkaz</a>');
    expect(out).not.toContain("javascript");
  });
});
