/**
 * widget.js: what a company's page loads with
 * `<script src="https://atende.example/widget.js" data-inbox="<widgetToken>" async></script>`.
 *
 * It adds a launcher button in an open Shadow DOM (the page's CSS cannot reach it, ours cannot leak
 * out) and, when the visitor opens it, the chat panel in an iframe served by Atende. The panel is an
 * iframe rather than more Shadow DOM because the conversation must be out of the host page's reach:
 * the page's scripts cannot read the messages or the visitor token, and the browser refuses to show
 * the frame on sites the inbox does not allow (CSP frame-ancestors). The loader stays small: all it
 * does before the panel opens is draw a button.
 */
import { close as closeCs, open as openCs } from "../../../locales/cs/widget.json";
import { close as closeEn, open as openEn } from "../../../locales/en/widget.json";
import { close as closePt, open as openPt } from "../../../locales/pt-BR/widget.json";
import type { SavedState, WidgetApi, WidgetCommand, WidgetNotice } from "./bridge.js";

type Attributes = Record<string, string | number | boolean | null>;

const script = document.currentScript as HTMLScriptElement | null;
const token = script?.dataset.inbox ?? "";
const origin = script ? new URL(script.src).origin : location.origin;
const activeKey = `atende:${token}:active`;
const stateKey = `atende:${token}:state`;
/** The site's storage; a browser that refuses it (privacy modes) gets a chat that lasts one page. */
const storage = {
  get(key: string): string | null {
    try {
      return localStorage.getItem(key);
    } catch {
      return null;
    }
  },
  set(key: string, value: string): void {
    try {
      localStorage.setItem(key, value);
    } catch {
      // not kept: the next page starts a new chat
    }
  },
};

const host = document.createElement("div");
host.setAttribute("data-atende-widget", "");
const root = host.attachShadow({ mode: "open" });
root.innerHTML = `<style>
:host{all:initial}
button{position:fixed;bottom:20px;right:20px;width:56px;height:56px;border-radius:50%;border:0;cursor:pointer;
  background:var(--atende-color,#1f6feb);color:#fff;box-shadow:0 4px 14px rgba(0,0,0,.25);z-index:2147483000;
  display:flex;align-items:center;justify-content:center}
button:focus-visible{outline:3px solid #000;outline-offset:3px}
button.left{left:20px;right:auto}
span{position:absolute;top:-4px;right:-4px;min-width:20px;height:20px;border-radius:10px;background:#d1242f;color:#fff;
  font:bold 12px/20px system-ui,sans-serif;text-align:center;padding:0 4px;box-sizing:border-box}
span[hidden]{display:none}
iframe{position:fixed;bottom:88px;right:20px;width:380px;height:min(600px,calc(100vh - 108px));border:0;border-radius:12px;
  box-shadow:0 8px 30px rgba(0,0,0,.25);background:#fff;z-index:2147483000}
iframe.left{left:20px;right:auto}
iframe[hidden]{display:none}
@media (max-width:480px){iframe{inset:0;width:100%;height:100%;border-radius:0}}
</style><button type="button" aria-expanded="false"><svg width="28" height="28" viewBox="0 0 24 24" aria-hidden="true" fill="currentColor"><path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z"/></svg><span hidden></span></button>`;
const button = root.querySelector("button") as HTMLButtonElement;
const badge = root.querySelector("span") as HTMLSpanElement;
/** The launcher's name before the panel loads, in the site's or the browser's language (only these two strings are bundled). */
const label = (() => {
  const tag = (script?.dataset.locale ?? navigator.language).toLowerCase();
  if (tag.startsWith("pt")) return { open: openPt, close: closePt };
  if (tag.startsWith("cs")) return { open: openCs, close: closeCs };
  return { open: openEn, close: closeEn };
})();
button.setAttribute("aria-label", label.open);

let frame: HTMLIFrameElement | null = null;
let ready = false;
let open = false;
const queue: WidgetCommand[] = [];
const listeners: ((message: unknown) => void)[] = [];

function post(command: WidgetCommand): void {
  if (frame && ready) frame.contentWindow?.postMessage(command, origin);
  else queue.push(command);
}

/** The panel's frame, made on first need: opening, or a conversation already going on. */
function ensureFrame(): HTMLIFrameElement {
  if (frame) return frame;
  const params = new URLSearchParams({ token });
  const locale = script?.dataset.locale;
  if (locale) params.set("locale", locale);
  frame = document.createElement("iframe");
  frame.title = label.open;
  frame.hidden = true;
  frame.src = `${origin}/widget/frame?${params.toString()}`;
  frame.setAttribute("allow", "clipboard-write");
  root.appendChild(frame);
  const { userId, userName, userEmail, userHash, userEmailHash } = script?.dataset ?? {};
  if (userId && userHash) post({ type: "identify", user: { id: userId, name: userName, email: userEmail, hash: userHash, emailHash: userEmailHash } });
  post({ type: "context", context: { page: location.href, pageTitle: document.title } });
  return frame;
}

function setOpen(next: boolean): void {
  open = next;
  const panel = ensureFrame();
  panel.hidden = !next;
  button.setAttribute("aria-expanded", String(next));
  button.setAttribute("aria-label", next ? label.close : label.open);
  post({ type: next ? "open" : "close" });
}

window.addEventListener("message", (e: MessageEvent<WidgetNotice>) => {
  if (e.origin !== origin || !frame || e.source !== frame.contentWindow) return;
  const notice = e.data;
  if (notice.type === "ready") {
    ready = true;
    for (const command of queue.splice(0)) frame.contentWindow?.postMessage(command, origin);
    // Last: restoring starts the panel's session, with the identity and page sent just before.
    const saved = storage.get(stateKey);
    const state: SavedState = saved ? (JSON.parse(saved) as SavedState) : { visitor: null, outbox: [] };
    frame.contentWindow?.postMessage({ type: "restore", state } satisfies WidgetCommand, origin);
    label.open = notice.labels.open;
    label.close = notice.labels.close;
    button.setAttribute("aria-label", open ? label.close : label.open);
    frame.title = notice.labels.open;
  } else if (notice.type === "style") {
    host.style.setProperty("--atende-color", notice.color);
    for (const el of [button, frame]) el.classList.toggle("left", notice.position === "left");
  } else if (notice.type === "save") {
    storage.set(stateKey, JSON.stringify(notice.state));
  } else if (notice.type === "active") {
    storage.set(activeKey, "1");
  } else if (notice.type === "unread") {
    badge.hidden = notice.count === 0;
    badge.textContent = String(notice.count);
  } else if (notice.type === "close") {
    setOpen(false);
    button.focus();
  } else {
    for (const listener of listeners) listener(notice.message);
  }
});

button.addEventListener("click", () => {
  setOpen(!open);
});

const api: WidgetApi = {
  open: () => {
    setOpen(true);
  },
  close: () => {
    setOpen(false);
  },
  identify: (user) => {
    post({ type: "identify", user });
  },
  setAttributes: (attributes: Attributes) => {
    post({ type: "attributes", attributes });
  },
  on: (_event, listener) => {
    listeners.push(listener); // "message" is the only event so far
  },
};
(window as unknown as { Atende: WidgetApi }).Atende = api;

function mount(): void {
  document.body.appendChild(host);
  // A visitor with a conversation going on gets the panel loaded (hidden), to hear replies and count them.
  if (storage.get(activeKey)) ensureFrame();
}
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mount);
else mount();
