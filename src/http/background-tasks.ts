// Work that must not hold up the answer (e-mails after a commit) but must not be lost either:
// tests await it, and graceful shutdown finishes it before the database closes.

export interface BackgroundTasks {
  /** Starts `task` now without waiting for it; a failure becomes one log line, never a page. */
  run(label: string, task: () => Promise<unknown>): void;
  /**
   * Resolves once every task has finished, including tasks started while waiting; with a
   * deadline, at the latest then, with the labels of the tasks still running (abandoned).
   */
  settle(deadlineMs?: number): Promise<string[]>;
  /** How many tasks are still running. */
  readonly pending: number;
}

export function createBackgroundTasks(onFailure: (label: string, error: unknown) => void): BackgroundTasks {
  const running = new Map<Promise<void>, string>();
  return {
    run(label, task) {
      const promise: Promise<void> = Promise.resolve()
        .then(task)
        .then(
          () => undefined,
          (error: unknown) => {
            try {
              onFailure(label, error);
            } catch {
              // A broken log sink must not turn into an unhandled rejection.
            }
          },
        )
        .finally(() => running.delete(promise));
      running.set(promise, label);
    },
    async settle(deadlineMs) {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>((resolve) => {
        if (deadlineMs !== undefined) timer = setTimeout(() => resolve('late'), deadlineMs);
      });
      try {
        while (running.size > 0) {
          if ((await Promise.race([Promise.all([...running.keys()]), late])) === 'late') return [...running.values()];
        }
        return [];
      } finally {
        clearTimeout(timer);
      }
    },
    get pending() {
      return running.size;
    },
  };
}
