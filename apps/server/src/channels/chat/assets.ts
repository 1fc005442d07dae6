import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { FastifyInstance, FastifyReply } from "fastify";
import { z } from "zod";
import { text } from "@atende/shared";
import { missingBuild, WIDGET_DIST } from "../../plugins/built-assets.js";
import { findWidget } from "./service.js";

const STYLE = `
:root{--color:#1f6feb;color-scheme:light;font:15px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
*{box-sizing:border-box}
body{margin:0;height:100vh;display:flex;flex-direction:column;background:#fff;color:#1c2128}
header{display:flex;align-items:center;justify-content:space-between;background:var(--color);color:#fff;padding:12px 16px}
h1{font-size:17px;margin:0}
button{font:inherit;cursor:pointer}
.close{background:none;border:0;color:#fff;font-size:26px;line-height:1;padding:0 4px}
button:focus-visible,textarea:focus-visible,input:focus-visible{outline:3px solid #0b3d91;outline-offset:2px}
.status{margin:0;padding:0 16px;color:#9a6700;font-size:13px}
.status:empty{display:none}
.intro{margin:12px 16px 0;color:#424a53}
ol[role=log]{list-style:none;margin:0;padding:12px 16px;flex:1;overflow-y:auto;display:flex;flex-direction:column;gap:8px}
[role=log]>li{max-width:80%;padding:8px 12px;border-radius:12px;white-space:pre-wrap;word-wrap:break-word}
[role=log] p{margin:0}
[role=log] strong{display:block;font-size:12px;margin-bottom:2px}
[role=log] small{display:block;font-size:12px;opacity:.8}
.seen{text-align:right}
.who{display:flex;align-items:center;gap:6px;margin-bottom:4px}
.who img{width:24px;height:24px;border-radius:50%}
.who strong{font-size:12px}
.files{display:flex;flex-direction:column;gap:6px;margin-top:4px}
.files button{background:none;border:0;padding:0;color:inherit;text-align:left;text-decoration:underline}
.files img{display:block;max-width:100%;max-height:220px;border-radius:8px;background:#d0d7de;min-width:60px;min-height:40px}
.attach{background:none!important;color:#424a53!important;padding:6px!important;display:flex;align-items:center}
svg{width:22px;height:22px;fill:none;stroke:currentColor;stroke-width:1.8;stroke-linecap:round;stroke-linejoin:round;flex:none}
.files button{display:flex;align-items:center;gap:6px}
.files svg{width:18px;height:18px}
.choices{display:flex;flex-wrap:wrap;gap:6px;margin-top:8px;white-space:normal}
.choices button{background:#fff;color:#0b3d91;border:1px solid var(--color);border-radius:16px;padding:4px 12px;font-size:14px}
.choices button:hover{background:#eef1f4}
.mine{align-self:flex-end;background:var(--color);color:#fff}
.theirs{align-self:flex-start;background:#eef1f4}
.pending{opacity:.75}
.typing{margin:0 16px 4px;min-height:1.2em;font-size:13px;color:#57606a}
form{display:flex;gap:8px;padding:12px;border-top:1px solid #d0d7de}
form[hidden]{display:none}
.prechat{flex-direction:column}
.verify{flex-wrap:wrap;align-items:center;padding:8px 16px;border-top:0;font-size:14px}
.verify p{margin:0;flex-basis:100%}
.verify .link{background:none;color:#0b3d91;padding:0;text-decoration:underline}
textarea,input{flex:1;font:inherit;padding:8px 10px;border:1px solid #8c959f;border-radius:8px;resize:none}
form button{background:var(--color);color:#fff;border:0;border-radius:8px;padding:8px 14px}
.suggest{margin:0 12px 8px;padding:8px 10px;border:1px solid #d0d7de;border-radius:10px;font-size:14px}
.suggest[hidden],.article[hidden]{display:none}
.suggest p{margin:0 0 4px;color:#424a53}
.suggest ul{list-style:none;margin:0;padding:0;display:flex;flex-direction:column;gap:2px}
.suggest button{display:block;width:100%;text-align:left;background:none;border:0;border-radius:6px;padding:6px;color:inherit}
.suggest button:hover{background:#eef1f4}
.suggest strong{display:block;color:#0b3d91}
.suggest small{display:block;color:#57606a;font-size:12px;overflow:hidden;display:-webkit-box;-webkit-line-clamp:2;-webkit-box-orient:vertical}
.reading>:not(header):not(.status):not(.article){display:none!important}
.article{flex:1;overflow-y:auto;padding:12px 16px;display:flex;flex-direction:column;gap:8px}
.article h2{font-size:18px;margin:0}
.article-body{line-height:1.5;overflow-wrap:anywhere}
.article-body ol,.article-body ul{padding-left:1.5em}
.article-body img{max-width:100%;height:auto}
.article-body pre{white-space:pre-wrap}
.article-body table{border-collapse:collapse}
.article-body th,.article-body td{border:1px solid #d0d7de;padding:4px 6px}
.article a{color:#0b3d91}
.link{background:none;border:0;color:#0b3d91;padding:0;align-self:flex-start;text-decoration:underline}
.answer{display:flex;flex-wrap:wrap;gap:8px;margin-top:8px;position:sticky;bottom:0;background:#fff;padding:8px 0}
.answer button{background:var(--color);color:#fff;border:0;border-radius:8px;padding:8px 14px}
.answer .secondary{background:#fff;color:#1c2128;border:1px solid #8c959f}
`;

function frameHtml(): string {
  return `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Chat</title><style>${STYLE}</style><script src="/widget/frame.js" defer></script></head><body></body></html>`;
}

/**
 * The widget's files: `/widget.js` (the loader sites embed, cached briefly so updates reach them),
 * `/widget/frame` (the panel's page, which browsers show only on the inbox's allowed sites, through
 * CSP frame-ancestors) and `/widget/frame.js`, read from apps/widget's build (a 503 naming the fix without one).
 */
export async function widgetAssets(app: FastifyInstance): Promise<void> {
  const notBuilt = missingBuild(app, "chat widget", WIDGET_DIST, ["widget.js", "frame.js"]);
  const script = async (file: string) => {
    if (notBuilt) return notBuilt;
    const body = await readFile(join(WIDGET_DIST, file));
    return (_request: unknown, reply: FastifyReply) =>
      reply
        .header("content-type", "text/javascript; charset=utf-8")
        .header("cache-control", "public, max-age=300")
        .header("access-control-allow-origin", "*")
        .send(body);
  };
  const [loader, frame] = await Promise.all([script("widget.js"), script("frame.js")]);
  app.get("/widget.js", { schema: { hide: true } }, loader);
  app.get("/widget/frame.js", { schema: { hide: true } }, frame);
  app.get("/widget/frame", { schema: { hide: true, querystring: z.object({ token: text(100) }) } }, async (request, reply) => {
    const { token } = request.query as { token: string };
    const widget = await findWidget(app.runtime.db, token);
    const ancestors = widget.settings.allowedOrigins.length > 0 ? widget.settings.allowedOrigins.join(" ") : "*";
    return reply
      .header("content-type", "text/html; charset=utf-8")
      .header("cache-control", "no-store")
      .header(
        "content-security-policy",
        `default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data: blob:; frame-ancestors ${ancestors}; base-uri 'none'; form-action 'none'`,
      )
      .header("referrer-policy", "strict-origin")
      .send(frameHtml());
  });
}
