import { askEarly } from "./api/early.js";
import { plainViewOf, plainViewQuery } from "./features/conversations/inbox-query.js";
import { countsPath, listPath, openedPath } from "./features/conversations/paths.js";

/**
 * Asks for what the inbox's first screen shows as soon as the app's code runs, before React, the
 * design system and the schemas have started (half a second on a phone): who is signed in first,
 * then — once that says the session holds — the view's list and counts, the sidebar's inboxes,
 * teams, tags and saved views, the notifications, and an open conversation with its newest messages (and
 * the code that shows it). The
 * app's own requests take these answers (api/early.ts); imported first by main.ts, and kept free
 * of heavy imports so that it runs first.
 */
function askForFirstScreen(location: Location): void {
  const path = location.pathname.replace(/^\/app/, "") || "/";
  const conversation = /^\/conversations\/([0-9a-f-]{36})$/.exec(path)?.[1];
  if (path !== "/" && !conversation) return; // other pages ask for their own
  const params = new URLSearchParams(location.search);
  const plain = plainViewOf(params);
  const rest = ["/inboxes", "/teams", "/tags", "/views", "/notifications?limit=30"];
  // A saved view's list and counts wait for its filters.
  if (!params.has("savedView")) rest.push(listPath(plainViewQuery(plain)), countsPath(plain.filters));
  if (conversation) {
    rest.push(openedPath(conversation));
    void import("./features/conversations/conversation-pane.js"); // its code too, beside the app's
  }
  void askEarly("/me")
    .then((me) => {
      if (me.ok) for (const each of rest) void askEarly(each).catch(() => undefined); // the app asks again
    })
    .catch(() => undefined);
}

askForFirstScreen(window.location);
