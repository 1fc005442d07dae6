import type { FastifyBaseLogger } from "fastify";

type Loop = {
  /** Who runs it, for the logs. */
  module: string;
  /** What a failed step says in the log (the step is tried again after the pause). */
  failure: string;
  /** One round of work; returns how much it did. */
  step: () => Promise<number>;
  /** How long to wait before the next round, from how much this one did and how long it took. */
  pauseMs: (done: number, tookMs: number) => number;
};

/**
 * Background work on a worker node that goes round after round, each round waiting for the one
 * before (never two at once), pausing between rounds as the work says. Returns what stops it.
 */
export function startLoop(log: FastifyBaseLogger, { module, failure, step, pauseMs }: Loop): () => void {
  let stopped = false;
  const going = () => !stopped; // read after awaits: stop() may have run meanwhile
  let timer: ReturnType<typeof setTimeout> | undefined;
  const round = async () => {
    if (!going()) return;
    const started = performance.now();
    let done = 0;
    try {
      done = await step();
    } catch (err) {
      log.warn({ err, module }, failure);
    }
    if (going()) timer = setTimeout(() => void round(), pauseMs(done, performance.now() - started));
  };
  void round();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
