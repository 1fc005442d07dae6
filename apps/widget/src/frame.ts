/**
 * The chat panel, inside the iframe Atende serves at /widget/frame: the visitor's conversation,
 * live over a WebSocket that resumes where it left off, and messages that are never lost (each has
 * a client id; unsent ones wait in this browser and are sent again, and stored once).
 */
import type { ServerFrame, UploadDto, VisitorMessageDto, VisitorSessionDto } from "@atende/shared";
import { CHAT_ATTACHMENTS_MAX, CHAT_MESSAGE_MAX, CHAT_UPLOAD_TYPES } from "@atende/shared/chat-limits";
import { withLinkPieces } from "@atende/shared/links";
import cs from "../../../locales/cs/widget.json";
import en from "../../../locales/en/widget.json";
import ptBR from "../../../locales/pt-BR/widget.json";
import { offerArticles } from "./articles.js";
import type { PendingFile, SavedState, VisitorUser, WidgetCommand, WidgetNotice } from "./bridge.js";

type Strings = typeof en;
const CATALOGS: Record<string, Strings> = { en, "pt-BR": ptBR, cs };

const params = new URLSearchParams(location.search);
const widgetToken = params.get("token") ?? "";
/** The language: the site's choice (`data-locale`), else the browser's first we speak; null for none of those. */
function pickLocale(): string | null {
  const wanted = [params.get("locale"), ...navigator.languages].filter((l): l is string => Boolean(l));
  for (const tag of wanted) {
    const lower = tag.toLowerCase();
    if (lower.startsWith("pt")) return "pt-BR";
    if (lower.startsWith("cs")) return "cs";
    if (lower.startsWith("en")) return "en";
  }
  return null;
}
const spoken = pickLocale();
/** The panel speaks English when the visitor speaks none of its languages. */
const locale = spoken ?? "en";
const t = CATALOGS[locale] ?? en;
document.documentElement.lang = locale;

type Pending = { clientId: string; body: string; files?: PendingFile[] };
const fill = (template: string, values: Record<string, string>) => template.replace(/\{\{(\w+)\}\}/g, (_, k: string) => values[k] ?? "");
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

const PAPERCLIP = "M16.5 6.5v10a4.5 4.5 0 0 1-9 0V5a3 3 0 0 1 6 0v10.5a1.5 1.5 0 0 1-3 0V6.5";
const DOCUMENT = "M6 2h8l4 4v16H6zM14 2v4h4";
/** A line icon (24 px grid) that needs no font. */
function icon(path: string): SVGSVGElement {
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("aria-hidden", "true");
  const line = document.createElementNS("http://www.w3.org/2000/svg", "path");
  line.setAttribute("d", path);
  svg.append(line);
  return svg;
}

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
const input = el("textarea", { rows: "1", placeholder: t.placeholder, "aria-label": t.placeholder, maxlength: String(CHAT_MESSAGE_MAX) });
const sendButton = el("button", { type: "submit" }, t.send);
const fileInput = el("input", { type: "file", multiple: "", hidden: "", accept: CHAT_UPLOAD_TYPES.join(","), "aria-label": t.attach });
const attachButton = el("button", { type: "button", class: "attach", "aria-label": t.attach, title: t.attach });
attachButton.append(icon(PAPERCLIP));
attachButton.addEventListener("click", () => {
  fileInput.click();
});
form.append(attachButton, fileInput, input, sendButton);
const preChat = el("form", { class: "prechat", hidden: "" });
const verify = el("form", { class: "verify", hidden: "" });
const suggestions = el("div");
document.body.append(header, status, intro, verify, list, typingLine, suggestions, preChat, form);

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
  item.dataset.id = message.id;
  item.replaceChildren();
  if (message.direction === "outgoing") {
    const who = el("div", { class: "who" });
    const bot = message.sender.type === "bot";
    const avatar = bot ? session?.attendant?.avatarUrl : message.sender.avatarUrl;
    if (avatar) who.append(el("img", { src: avatar, alt: "" }));
    who.append(el("strong", {}, bot ? (session?.attendant?.name ?? t.attendant) : (message.sender.name ?? "")));
    item.append(who);
  }
  if (message.body) item.append(withLinks(message.body));
  if (message.attachments.length > 0) item.append(renderFiles(message.attachments));
  // Only the newest message's choices can be pressed: an older question has been answered since.
  list.querySelector(".choices")?.remove();
  if (message.buttons?.length) item.append(renderChoices(message.buttons));
  shown.set(message.id, item);
  if (!item.isConnected) list.append(item);
  if (message.direction === "incoming" && message.read) markSeen(message.id);
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

/** A message's text with its web addresses as links that open in a new tab (help-center articles, mostly). */
function withLinks(text: string): HTMLElement {
  const p = el("p");
  for (const piece of withLinkPieces(text)) {
    p.append(piece.href ? el("a", { href: piece.href, target: "_blank", rel: "noopener noreferrer" }, piece.text) : piece.text);
  }
  return p;
}

/** The attendant's choices under its message: pressing one sends its words as the visitor's message. */
function renderChoices(buttons: NonNullable<VisitorMessageDto["buttons"]>): HTMLElement {
  const box = el("div", { class: "choices", role: "group" });
  for (const choice of buttons) {
    const button = el("button", { type: "button" }, choice.label);
    button.addEventListener("click", () => {
      box.remove();
      sendText(choice.label);
    });
    box.append(button);
  }
  return box;
}

const IMAGE_TYPES = new Set(["image/png", "image/jpeg", "image/gif", "image/webp"]);
const sizeText = (bytes: number) =>
  new Intl.NumberFormat(locale, { style: "unit", unit: bytes >= 1024 * 1024 ? "megabyte" : "kilobyte", maximumFractionDigits: 1 }).format(
    bytes >= 1024 * 1024 ? bytes / 1024 / 1024 : Math.max(1, Math.round(bytes / 1024)),
  );

/** A message's files, fetched with the visitor's token: pictures shown, other files downloaded on a click. */
function renderFiles(files: VisitorMessageDto["attachments"]): HTMLElement {
  const box = el("div", { class: "files" });
  for (const file of files) {
    const isImage = IMAGE_TYPES.has(file.contentType);
    const button = el("button", { type: "button" });
    button.setAttribute("aria-label", fill(isImage ? t.picture : t.download, { name: file.fileName, size: sizeText(file.size) }));
    if (isImage) {
      const img = el("img", { alt: file.fileName });
      button.append(img);
      void fileUrl(file.id).then((url) => (img.src = url));
    } else {
      button.append(icon(DOCUMENT), `${file.fileName} · ${sizeText(file.size)}`);
    }
    button.addEventListener("click", () => {
      void fileUrl(file.id).then((url) => {
        const link = el("a", { href: url, download: file.fileName });
        link.click();
      });
    });
    box.append(button);
  }
  return box;
}

const fileUrls = new Map<string, Promise<string>>();
/** A file of the conversation as a blob: URL (the visitor's token goes in a header, never in a link). */
function fileUrl(id: string): Promise<string> {
  let url = fileUrls.get(id);
  if (!url) {
    url = fetch(`/widget/v1/attachments/${id}`, { headers: { authorization: `Bearer ${store.token ?? ""}` } }).then(async (res) => {
      if (!res.ok) throw new Error(`HTTP ${String(res.status)}`);
      return URL.createObjectURL(await res.blob());
    });
    url.catch(() => fileUrls.delete(id));
    fileUrls.set(id, url);
  }
  return url;
}

let seenUpTo = "";
/** "Seen" under the visitor's last message an agent has read. */
function markSeen(upTo: string): void {
  if (upTo <= seenUpTo) return;
  seenUpTo = upTo;
  list.querySelector(".seen")?.remove();
  const mine = [...list.querySelectorAll<HTMLLIElement>("li.mine[data-id]")].filter((li) => (li.dataset.id ?? "") <= seenUpTo);
  mine.at(-1)?.append(el("small", { class: "seen" }, t.seen));
}

function renderPending(p: Pending, failed = false): void {
  let item = pendingItems.get(p.clientId);
  if (!item) {
    item = el("li", { class: "mine pending" });
    if (p.body) item.append(el("p", {}, p.body));
    for (const file of p.files ?? []) item.append(el("p", {}, file.fileName));
    item.append(el("small", {}, t.sending));
    pendingItems.set(p.clientId, item);
    list.append(item);
  }
  const hint = item.querySelector("small");
  if (hint) hint.textContent = failed ? t.failed : t.sending;
  item.scrollIntoView({ block: "end" });
}

// ---- the server -----------------------------------------------------------------------------

/** An answer of the widget's API that is not a success, with its status. */
class ApiFailure extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${String(status)}`);
  }
}

async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`/widget/v1${path}`, {
    method,
    headers: { "content-type": "application/json", ...(store.token ? { authorization: `Bearer ${store.token}` } : {}) },
    body: body === undefined ? null : JSON.stringify(body),
  });
  if (!res.ok) throw new ApiFailure(res.status);
  return (await res.json()) as T;
}

async function startSession(extra: { name?: string; email?: string } = {}): Promise<void> {
  const request = {
    widgetToken,
    ...(store.token ? { visitorToken: store.token } : {}),
    ...(user ? { user } : {}),
    ...extra,
  };
  const where = { ...context, userAgent: navigator.userAgent, language: navigator.language, timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone };
  try {
    session = await api<VisitorSessionDto>("POST", "/sessions", { ...request, context: where });
  } catch (err) {
    // Where the visitor is only helps agents: a page address too long to keep, or a time zone the
    // server does not know yet, never keeps a customer from chatting.
    if (!(err instanceof ApiFailure && err.status === 422)) throw err;
    session = await api<VisitorSessionDto>("POST", "/sessions", request);
  }
  show(session);
}

/** Shows a session: the greeting, its conversation, and what the visitor may do next. */
function show(current: VisitorSessionDto): void {
  session = current;
  store.token = current.visitorToken;
  cursor ??= current.eventCursor; // the first connection replays what happened since this answer
  document.documentElement.style.setProperty("--color", current.widget.color);
  notify({ type: "style", color: current.widget.color, position: current.widget.position });
  // Honest about waiting: with nobody online, the visitor reads so and is asked where to be answered.
  intro.textContent = current.agentsOnline ? (current.widget.greeting ?? t.greeting) : (current.widget.awayMessage ?? t.away);
  for (const m of current.conversation?.messages ?? []) render(m);
  if (current.conversation) notify({ type: "active" });
  showPreChat();
  showVerify();
  connect();
  void flush();
}

/**
 * An address the visitor gave proves nothing, so their earlier chats stay hidden until they prove
 * it with a code mailed there (when the workspace sends e-mail).
 */
function showVerify(): void {
  const email = session?.contact.email;
  verify.hidden = !session?.canVerifyEmail || !email || session.contact.emailVerified;
  if (verify.hidden || !email) return;
  const offer = el("p", {}, fill(t.verifyOffer, { email }));
  const send = el("button", { type: "button", class: "link" }, t.verifySend);
  verify.replaceChildren(offer, send);
  send.addEventListener("click", () => {
    send.disabled = true;
    void api("POST", "/email-verification", { email }).then(
      () => {
        askForCode(email);
      },
      (err: unknown) => {
        send.disabled = false;
        // 422: the address is the company's own (no code goes there); else the mail could not go just now.
        status.textContent = err instanceof ApiFailure && err.status === 422 ? t.verifyOwnAddress : t.verifyFailed;
      },
    );
  });
}

function askForCode(email: string): void {
  const code = el("input", { name: "code", inputmode: "numeric", autocomplete: "one-time-code", maxlength: "6", "aria-label": t.verifyCode, placeholder: t.verifyCode });
  verify.replaceChildren(el("p", {}, fill(t.verifySent, { email })), code, el("button", { type: "submit" }, t.verifyConfirm));
  code.focus();
  verify.onsubmit = (e) => {
    e.preventDefault();
    void api<VisitorSessionDto>("POST", "/email-verification/confirm", { code: code.value.trim() }).then(
      (joined) => {
        verify.onsubmit = null;
        // Now another customer's history: start the timeline and the socket over.
        list.replaceChildren();
        shown.clear();
        cursor = null;
        disconnect();
        show(joined);
        verify.hidden = false;
        verify.replaceChildren(el("p", {}, t.verifyDone));
      },
      () => {
        status.textContent = t.verifyWrong;
        code.select();
      },
    );
  };
}

let preChatAnswered = false;
function showPreChat(): void {
  const mode = session?.agentsOnline === false && session.widget.preChat === "off" ? "optional" : (session?.widget.preChat ?? "off");
  const known = Boolean(session?.contact.email) || Boolean(session?.conversation) || preChatAnswered;
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
    preChatAnswered = true; // optional fields left empty are an answer too: the message box follows
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
        const stored = await api<VisitorMessageDto>("POST", "/messages", {
          clientId: p.clientId,
          body: p.body,
          attachments: (p.files ?? []).map((file) => file.token),
        });
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
    if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ type: "ping" }));
    else if (socket !== ws) clearInterval(ping);
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
    if (frame.type === "read") {
      if (frame.by === "agent") markSeen(frame.upTo);
      else if (unread > 0) {
        unread = 0; // read in another tab
        notify({ type: "unread", count: 0 });
      }
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
/** Closes the socket for good (a new one follows another history). */
function disconnect(): void {
  const ws = socket;
  socket = null;
  if (ws) {
    ws.onclose = null;
    ws.close();
  }
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

/** Sends words as the visitor's message: kept in the outbox until the server has them. */
function sendText(body: string): void {
  const pending = { clientId: crypto.randomUUID(), body };
  store.outbox = [...store.outbox, pending];
  renderPending(pending);
  void flush();
}
form.addEventListener("submit", (e) => {
  e.preventDefault();
  const body = input.value.trim();
  if (!body) return;
  input.value = "";
  sayTyping(false);
  sendText(body);
});
/** Uploads the files the visitor chose (or pasted), then sends them as one message; refusals are said in words. */
async function sendFiles(chosen: File[]): Promise<void> {
  if (!session || chosen.length === 0) return;
  const max = session.uploadMaxBytes;
  const problems: string[] = [];
  if (chosen.length > CHAT_ATTACHMENTS_MAX) problems.push(fill(t.tooManyFiles, { max: String(CHAT_ATTACHMENTS_MAX) }));
  const accepted = chosen.slice(0, CHAT_ATTACHMENTS_MAX).filter((file) => {
    if (!(CHAT_UPLOAD_TYPES as readonly string[]).includes(file.type)) problems.push(fill(t.fileType, { name: file.name }));
    else if (file.size > max) problems.push(fill(t.fileTooLarge, { name: file.name, max: sizeText(max) }));
    else return true;
    return false;
  });
  status.textContent = problems.join(" ");
  if (accepted.length === 0) return;
  const pending: Pending = { clientId: crypto.randomUUID(), body: "", files: accepted.map((f) => ({ token: "", fileName: f.name, contentType: f.type, size: f.size })) };
  renderPending(pending);
  const uploaded: PendingFile[] = [];
  for (const file of accepted) {
    const res = await fetch(`/widget/v1/uploads?fileName=${encodeURIComponent(file.name)}`, {
      method: "POST",
      headers: { "content-type": file.type, authorization: `Bearer ${store.token ?? ""}` },
      body: file,
    }).catch(() => null);
    if (!res?.ok) {
      pendingItems.get(pending.clientId)?.remove();
      pendingItems.delete(pending.clientId);
      status.textContent = fill(t.uploadFailed, { name: file.name });
      return;
    }
    uploaded.push((await res.json()) as UploadDto);
  }
  store.outbox = [...store.outbox, { ...pending, files: uploaded }];
  void flush();
}
fileInput.addEventListener("change", () => {
  void sendFiles([...(fileInput.files ?? [])]);
  fileInput.value = "";
});
input.addEventListener("paste", (e) => {
  const pasted = [...(e.clipboardData?.files ?? [])];
  if (pasted.length === 0) return;
  e.preventDefault();
  void sendFiles(pasted);
});

input.addEventListener("keydown", (e) => {
  if (e.key === "Enter" && !e.shiftKey) {
    e.preventDefault();
    form.requestSubmit();
  }
});

offerArticles({
  t,
  widgetToken,
  locale: spoken,
  input,
  slot: suggestions,
  firstMessage: () => !session?.conversation && shown.size === 0 && pendingItems.size === 0 && store.outbox.length === 0 && !form.hidden,
  showChat: (chat) => {
    document.body.classList.toggle("reading", !chat);
  },
  send: () => {
    form.requestSubmit();
  },
  say: (text, kind) => {
    (kind === "thanks" ? intro : status).textContent = text;
  },
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
