// The entry: asks for the first screen's data at once (a few kilobytes of code), then loads the app
// (React, the design system, the schemas: half a second to start on a phone) while the data travels.
import "./first-screen.js";

// After an upgrade, a tab still open on the old build asks for code the server no longer has (404):
// it loads the new build, once a minute at most, rather than break where the code was needed.
window.addEventListener("vite:preloadError", (event) => {
  const last = Number(sessionStorage.getItem("atende-reloaded-at") ?? 0);
  if (Date.now() - last < 60_000) return; // reloaded just now: a real failure, shown where it happened
  event.preventDefault();
  sessionStorage.setItem("atende-reloaded-at", String(Date.now()));
  window.location.reload();
});

void import("./render.js");
