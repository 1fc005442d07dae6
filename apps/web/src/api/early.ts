/**
 * Answers asked for before the app has rendered (see first-screen.ts), kept for the first call that
 * wants them: the screen's data travels while the app's code is still starting.
 */
const early = new Map<string, { asked: Promise<Response>; at: number }>();

/** How long an early answer stays fresh enough to show instead of asking again. */
const FRESH_MS = 10_000;

/** Asks the API for GET `path` now (a path under /api/v1); returns the answer to come. */
export function askEarly(path: string): Promise<Response> {
  const asked = fetch(`/api/v1${path}`, { credentials: "same-origin" });
  early.set(path, { asked, at: performance.now() });
  return asked;
}

/** The early answer for GET `path`, once and while fresh; afterwards the server is asked again. */
export function takeEarly(path: string): Promise<Response> | undefined {
  const found = early.get(path);
  early.delete(path);
  return found && performance.now() - found.at < FRESH_MS ? found.asked : undefined;
}
