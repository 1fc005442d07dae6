/**
 * Articles that may answer the visitor's question, offered while they write their first message
 * (published public ones of the help center, at most three): one opens in the panel; "This answered
 * my question" ends there without a conversation (counted as self-service), "I still need help"
 * sends the message as written.
 */
import type { WidgetArticleDto, WidgetArticleSuggestionDto } from "@atende/shared";
import type en from "../../../locales/en/widget.json";

type Suggestion = WidgetArticleSuggestionDto["items"][number];

type Options = {
  t: typeof en;
  widgetToken: string;
  /** The visitor's language when the site or their browser said one we speak; else the workspace's is used. */
  locale: string | null;
  input: HTMLTextAreaElement;
  /** Where the suggestions go (before the message box). */
  slot: HTMLElement;
  /** Whether the visitor is still writing their first message (no conversation yet). */
  firstMessage: () => boolean;
  /** Shows the chat again, or hides it while an article is read in its place. */
  showChat: (shown: boolean) => void;
  /** Sends the message in the box. */
  send: () => void;
  /** Says something to the visitor: `thanks` in place of the greeting, a `problem` in the status line. */
  say: (text: string, kind: "thanks" | "problem") => void;
};

const el = <K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string) => {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
};

/** Shorter questions match too much to be worth suggesting for. */
const MIN_QUERY = 4;
const DEBOUNCE_MS = 350;

export function offerArticles(o: Options): void {
  const box = el("section", { class: "suggest", hidden: "", "aria-label": o.t.suggestTitle });
  const heading = el("p", {}, o.t.suggestTitle);
  const list = el("ul");
  box.append(heading, list);
  o.slot.append(box);

  const reader = el("article", { class: "article", hidden: "", "aria-labelledby": "article-title" });
  document.body.append(reader);

  let shownFor = "";
  let asked = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const cache = new Map<string, Suggestion[]>();
  const query = (path: string) => `/widget/v1/articles${path}${path.includes("?") ? "&" : "?"}widgetToken=${encodeURIComponent(o.widgetToken)}`;

  const hide = () => {
    box.hidden = true;
    list.replaceChildren();
    shownFor = "";
  };

  const show = (items: Suggestion[]) => {
    const ids = items.map((s) => s.id).join(" ");
    if (ids === shownFor) return;
    shownFor = ids;
    list.replaceChildren(
      ...items.map((s) => {
        const button = el("button", { type: "button" });
        button.append(el("strong", {}, s.title), el("small", {}, s.snippet));
        button.addEventListener("click", () => void open(s, button));
        const item = el("li");
        item.append(button);
        return item;
      }),
    );
    box.hidden = items.length === 0;
  };

  const suggest = async (q: string) => {
    const mine = ++asked;
    let items = cache.get(q);
    if (!items) {
      const res = await fetch(query(`?q=${encodeURIComponent(q)}${o.locale ? `&locale=${encodeURIComponent(o.locale)}` : ""}`)).catch(() => null);
      if (!res?.ok) return; // a suggestion that fails is not worth a word: the chat works as ever
      items = ((await res.json()) as WidgetArticleSuggestionDto).items;
      cache.set(q, items);
    }
    if (mine === asked && o.firstMessage()) show(items);
  };

  o.input.addEventListener("input", () => {
    clearTimeout(timer);
    const q = o.input.value.trim();
    if (!o.firstMessage() || q.length < MIN_QUERY) {
      asked++;
      hide();
      return;
    }
    timer = setTimeout(() => void suggest(q), DEBOUNCE_MS);
  });
  // The message sent (or the conversation started another way): no more suggestions.
  o.input.form?.addEventListener("submit", () => {
    clearTimeout(timer);
    asked++;
    hide();
  });

  /** Back from the article to the chat, the message still in its box. */
  const close = (focus: HTMLElement | null) => {
    reader.hidden = true;
    reader.replaceChildren();
    o.showChat(true);
    focus?.focus();
  };

  const open = async (s: Suggestion, from: HTMLButtonElement) => {
    const res = await fetch(query(`/${s.id}`)).catch(() => null);
    if (!res?.ok) {
      o.say(o.t.articleFailed, "problem");
      return;
    }
    const article = (await res.json()) as WidgetArticleDto;
    const back = el("button", { type: "button", class: "link" }, `← ${o.t.back}`);
    const title = el("h2", { id: "article-title", tabindex: "-1", lang: article.locale }, article.title);
    const body = el("div", { class: "article-body", lang: article.locale });
    body.innerHTML = article.html; // sanitized by the server, and the frame's CSP runs no script of a page's
    for (const link of body.querySelectorAll("a")) {
      link.target = "_blank";
      link.rel = "noopener noreferrer";
    }
    const whole = el("a", { href: article.url, target: "_blank", rel: "noopener" }, o.t.openInHelpCenter);
    const answered = el("button", { type: "button" }, o.t.answered);
    const needHelp = el("button", { type: "button", class: "secondary" }, o.t.stillNeedHelp);
    const actions = el("div", { class: "answer" });
    actions.append(answered, needHelp);
    reader.replaceChildren(back, title, body, whole, actions);
    o.showChat(false);
    reader.hidden = false;
    title.focus();
    back.addEventListener("click", () => {
      close(from);
    });
    needHelp.addEventListener("click", () => {
      close(o.input);
      o.send();
    });
    answered.addEventListener("click", () => {
      answered.disabled = true;
      void fetch(`/widget/v1/articles/${s.id}/answered`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ widgetToken: o.widgetToken }),
      }).catch(() => null);
      // The question is answered: nothing to send, nothing left to suggest.
      o.input.value = "";
      o.input.dispatchEvent(new Event("input")); // no longer typing, nothing to suggest
      close(o.input);
      o.say(o.t.answeredThanks, "thanks");
    });
  };
}
