/**
 * Reads again (every 100 ms) until `done` holds or `timeoutMs` passes, and gives the last value
 * read: the test's own assertion then says what was wrong.
 */
export async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}
