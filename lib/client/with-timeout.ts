/**
 * Runs a request with an AbortSignal that fires after `ms`, and clears the timer however it ends.
 * The API client turns an aborted request into "no answer" (`unreachable`), which every caller
 * treats as unknown, never as refused. Not `AbortSignal.timeout`: iPads that stop at iPadOS 15 lack it.
 */
export async function withTimeout<T>(ms: number, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), ms);
  try {
    return await run(controller.signal);
  } finally {
    clearTimeout(timer);
  }
}
