/**
 * The chat panel, inside the iframe Atende serves at /widget/frame: the visitor's conversation,
 * live over a WebSocket that resumes where it left off, and messages that are never lost (each has
 * a client id; unsent ones wait in this browser and are sent again, and stored once).
 */
import type { ServerFrame, VisitorMessageDto, VisitorSessionDto } from "@atende/shared";
import cs from "../../../locales/cs/widget.json";
import en from "../../../locales/en/widget.json";
import ptBR from "../../../locales/pt-BR/widget.json";
import type { SavedState, VisitorUser, WidgetCommand, WidgetNotice } from "./bridge.js";

type Strings = typeof en;
const CATALOGS: Record<string, Strings> = { en, "pt-BR": ptBR, cs };

const params = new URLSearchParams(location.search);
const widgetToken = params.get("token") ?? "";
/** The language: the site's choice (`data-locale`), else the browser's first we speak, else English. */
function pickLocale(): string {
  const wanted = [params.get("locale"), ...navigator.languages].filter((l): l is string => Boolean(l));
  for (const tag of wanted) {
    const lower = tag.toLowerCase();
    if (lower.startsWith("pt")) return "pt-BR";
    if (lower.startsWith("cs")) return "cs";
    if (lower.startsWith("en")) return "en";
  }
  return "en";
}
const locale = pickLocale();
const t = CATALOGS[locale] ?? en;
document.documentElement.lang = locale;

type Pending = { clientId: string; body: string };
/** Kept by the loader in the site's storage (see the `restore` command); here a copy in memory. */
const saved: SavedState = { visitor: null, outbox: [] };
const store = {
  get token(): string | null {
    return saved.visitor;
  },
  set token(value: string | null) {
    saved.visitor = value;
    notify({ type: "save", state: saved });
  },
  get outbox(): Pending[] {
    return saved.outbox;
  },
  set outbox(value: Pending[]) {
    saved.outbox = value;
    notify({ type: "save", state: saved });
  },
};

const parentOrigin = (() => {
  const ancestors = (location as unknown as { ancestorOrigins?: DOMStringList }).ancestorOrigins; // not in Firefox
  if (ancestors?.length) return ancestors[0] ?? "*";
  try {
    return new URL(document.referrer).origin;
  } catch {
    return "*";
  }
})();
const notify = (notice: WidgetNotice) => {
  window.parent.postMessage(notice, parentOrigin);
};

// ---- the page -------------------------------------------------------------------------------

const el = <K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string) => {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
};

const header = el("header");
const title = el("h1", {}, t.title);
const closeButton = el("button", { type: "button", "aria-label": t.close, class: "close" }, "×");
header.append(title, closeButton);
const status = el("p", { class: "status", role: "status" });
const intro = el("p", { class: "intro" });
const list = el("ol", { role: "log", "aria-live": "polite", "aria-label": t.title });
const typingLine = el("p", { class: "typing", "aria-live": "polite" });
const form = el("form", { class: "composer" });
const input = el("textarea", { rows: "1", placeholder: t.placeholder, "aria-label": t.placeholder, maxlength: "5000" });
const sendButton = el("button", { type: "submit" }, t.send);
form.append(input, sendButton);
const preChat = el("form", { class: "prechat", hidden: "" });
document.body.append(header, status, intro, list, typingLine, preChat, form);

closeButton.addEventListener("click", () => {
  notify({ type: "close" });
});
document.addEventListener("keydown", (e) => {
  if (e.key === "Escape") notify({ type: "close" });
});

// ---- state ----------------------------------------------------------------------------------

let session: VisitorSessionDto | null = null;
let user: VisitorUser | undefined;
let context = { page: null as string | null, pageTitle: null as string | null };
let panelOpen = false;
let unread = 0;
const shown = new Map<string, HTMLLIElement>(); // by message id
const pendingItems = new Map<string, HTMLLIElement>(); // by client id
let cursor: string | null = null;

function render(message: VisitorMessageDto): void {
  if (shown.has(message.id)) return;
  const item = (message.clientId && pendingItems.get(message.clientId)) || el("li");
  if (message.clientId) pendingItems.delete(message.clientId);
  item.className = message.direction === "incoming" ? "mine" : "theirs";
  item.replaceChildren();
  if (message.direction === "outgoing") item.append(el("strong", {}, message.sender.name ?? ""));
  item.append(el("p", {}, message.body));
  shown.set(message.id, item);
  if (!item.isConnected) list.append(item);
  item.scrollIntoView({ block: "end" });
  if (message.direction === "outgoing") {
    if (lastReply === null || message.id > lastReply) lastReply = message.id;
    if (!panelOpen) {
      unread += 1;
      notify({ type: "unread", count: unread });
    }
    markRead();
  }
  notify({ type: "message", message });
}

function renderPending(p: Pending, failed = false): void {
  let item = pendingItems.get(p.clientId);
  if (!item) {
    item = el("li", { class: "mine pending" });
    item.append(el("p", {}, p.body), el("small", {}, t.sending));
    pendingItems.set(p.clientId, item);
    list.append(item);
  }
  const hint = item.querySelector("small");
  if (hint) hint.textContent = failed ? t.failed : t.sending;
  item.scrollIntoView({ block: "end" });
}

// ---- the server -----------------------------------------------------------------------------

async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`/widget/v1${path}`, {
    method,
    headers: { "content-type": "application/json", ...(store.token ? { authorization: `Bearer ${store.token}` } : {}) },
    body: body === undefined ? null : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`HTTP ${String(res.status)}`);
  return (await res.json()) as T;
}

async function startSession(extra: { name?: string; email?: string } = {}): Promise<void> {
  session = await api<VisitorSessionDto>("POST", "/sessions", {
    widgetToken,
    ...(store.token ? { visitorToken: store.token } : {}),
    ...(user ? { user } : {}),
    ...extra,
    context: { ...context, userAgent: navigator.userAgent, language: navigator.language, timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone },
  });
  store.token = session.visitorToken;
  document.documentElement.style.setProperty("--color", session.widget.color);
  notify({ type: "style", color: session.widget.color, position: session.widget.position });
  // Honest about waiting: with nobody online, the visitor reads so and is asked where to be answered.
  intro.textContent = session.agentsOnline ? (session.widget.greeting ?? t.greeting) : (session.widget.awayMessage ?? t.away);
  for (const m of session.conversation?.messages ?? []) render(m);
  if (session.conversation) notify({ type: "active" });
  showPreChat();
  connect();
  void flush();
}

function showPreChat(): void {
  const mode = session?.agentsOnline === false && session.widget.preChat === "off" ? "optional" : (session?.widget.preChat ?? "off");
  const known = Boolean(session?.contact.email) || Boolean(session?.conversation);
  if (mode === "off" || known) {
    preChat.hidden = true;
    form.hidden = false;
    return;
  }
  preChat.hidden = false;
  form.hidden = true;
  const suffix = mode === "optional" ? ` (${t.optional})` : "";
  const name = el("input", { name: "name", autocomplete: "name", "aria-label": t.name + suffix, placeholder: t.name + suffix });
  const email = el("input", { name: "email", type: "email", autocomplete: "email", "aria-label": t.email + suffix, placeholder: t.email + suffix });
  if (mode === "required") for (const field of [name, email]) field.required = true;
  preChat.replaceChildren(name, email, el("button", { type: "submit" }, t.start));
  preChat.onsubmit = (e) => {
    e.preventDefault();
    void startSession({ ...(name.value ? { name: name.value } : {}), ...(email.value ? { email: email.value } : {}) });
  };
}

/** Sends what waits in the outbox, oldest first; what fails stays for the next connection. */
let flushing = false;
async function flush(): Promise<void> {
  if (flushing || !store.token) return;
  flushing = true;
  try {
    for (const p of store.outbox) {
      renderPending(p);
      try {
        const stored = await api<VisitorMessageDto>("POST", "/messages", p);
        store.outbox = store.outbox.filter((o) => o.clientId !== p.clientId);
        render(stored);
        notify({ type: "active" });
      } catch {
        renderPending(p, true);
        return;
      }
    }
  } finally {
    flushing = false;
  }
}

let socket: WebSocket | null = null;
let retry = 0;
function connect(): void {
  if (!store.token || socket) return;
  const url = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/widget/v1/socket?token=${encodeURIComponent(store.token)}`;
  const ws = new WebSocket(url);
  socket = ws;
  const ping = setInterval(() => {
    ws.send(JSON.stringify({ type: "ping" }));
  }, 20_000);
  ws.onopen = () => {
    retry = 0;
    status.textContent = "";
    ws.send(JSON.stringify({ type: "resume", after: cursor }));
    readSent = null;
    markRead();
    void flush();
  };
  ws.onmessage = (e: MessageEvent<string>) => {
    const frame = JSON.parse(e.data) as ServerFrame;
    if (frame.type === "typing") {
      showTyping(frame.typing ? (frame.by.name ?? "") : null);
      return;
    }
    if (frame.type !== "message") return;
    if (frame.message.direction === "outgoing") showTyping(null);
    if (cursor === null || frame.eventId > cursor) cursor = frame.eventId;
    render(frame.message);
  };
  ws.onclose = () => {
    clearInterval(ping);
    socket = null;
    status.textContent = t.offline;
    retry += 1;
    setTimeout(connect, Math.min(10_000, 500 * 2 ** retry));
  };
}
let lastReply: string | null = null;
let readSent: string | null = null;
/** Tells agents the visitor has seen their replies: only while the panel is open and the page visible. */
function markRead(): void {
  if (!panelOpen || document.visibilityState !== "visible" || !lastReply || lastReply === readSent) return;
  if (!socket || socket.readyState !== WebSocket.OPEN) return;
  readSent = lastReply;
  socket.send(JSON.stringify({ type: "read", messageId: lastReply }));
}
document.addEventListener("visibilitychange", markRead);

let typingTimer: ReturnType<typeof setTimeout> | undefined;
/** "Ana is typing…" while an agent writes; gone after a while without news (a lost "stopped"). */
function showTyping(name: string | null): void {
  clearTimeout(typingTimer);
  typingLine.textContent = name === null ? "" : t.typing.replace("{{name}}", name);
  if (name !== null) typingTimer = setTimeout(() => (typingLine.textContent = ""), 8000);
}

let typingSent = 0;
/** Tells agents the visitor is writing, at most every three seconds. */
function sayTyping(typing: boolean): void {
  if (!socket || socket.readyState !== WebSocket.OPEN) return;
  if (typing && Date.now() - typingSent < 3000) return;
  typingSent = typing ? Date.now() : 0;
  socket.send(JSON.stringify({ type: "typing", typing }));
}
input.addEventListener("input", () => {
  sayTyping(input.value.length > 0);
});

window.addEventListener("online", () => {
  void flush();
});

form.addEventListener("submit", (e) => {
  e.preventDefault();
  const body = input.value.trim();
  if (!body) return;
  const pending = { clientId: crypto.randomUUID(), body };
  store.outbox = [...store.outbox, pending];
  input.value = "";
  sayTyping(false);
  renderPending(pending);
  void flush();
});
input.addEventListener("keydown", (e) => {
  if (e.key === "Enter" && !e.shiftKey) {
    e.preventDefault();
    form.requestSubmit();
  }
});

// ---- the host page --------------------------------------------------------------------------

window.addEventListener("message", (e: MessageEvent<WidgetCommand>) => {
  if (e.source !== window.parent || (parentOrigin !== "*" && e.origin !== parentOrigin)) return;
  const command = e.data;
  if (command.type === "restore") {
    saved.visitor = command.state.visitor;
    saved.outbox = command.state.outbox;
    for (const p of saved.outbox) renderPending(p);
    begin();
  } else if (command.type === "open") {
    panelOpen = true;
    unread = 0;
    notify({ type: "unread", count: 0 });
    input.focus();
    markRead();
  } else if (command.type === "close") {
    panelOpen = false;
  } else if (command.type === "identify") {
    user = command.user;
    if (session) void startSession();
  } else if (command.type === "context") {
    context = command.context;
  } else if (store.token) {
    void api("PATCH", "/visitor", { attributes: command.attributes });
  }
});

let begun = false;
/** Starts the session once, after the loader's `restore` and queued commands (identity, page). */
function begin(): void {
  if (begun) return;
  begun = true;
  startSession().catch(() => {
    status.textContent = t.offline;
    begun = false;
    setTimeout(begin, 3000);
  });
}
notify({ type: "ready", labels: { open: t.open, close: t.close } });
