/**
 * Background work on a timer in every server (the audit chainer, the retention sweep): a turn
 * that is still running makes the next one skip, a failed turn is reported and the next tries
 * again, and stopping waits for the turn in progress.
 */
export interface Repeating {
  stop(): Promise<void>;
}

export function repeatEvery(intervalMs: number, turn: () => Promise<unknown>, onError?: (error: unknown) => void): Repeating {
  let running: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = turn()
      .catch((error) => onError?.(error))
      .finally(() => {
        running = null;
      });
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
