/**
 * Runs `task` once the page has loaded and the browser is idle (requestIdleCallback, at most
 * IDLE_TIMEOUT_MS later; a timer where it is missing). For parts a screen loads lazily
 * (docs/first-load.md): they are fetched while the cashier keys the amount, so the next step opens
 * at once and is there if the network then goes. Returns a cancel function, for a useEffect
 * cleanup.
 */
const IDLE_TIMEOUT_MS = 2_000;

export function whenIdle(task: () => unknown): () => void {
  let cancelled = false;
  let idleHandle: number | undefined;
  const run = () => {
    if (cancelled) return;
    const go = () => {
      if (!cancelled) void Promise.resolve(task()).catch(() => undefined);
    };
    if (typeof requestIdleCallback === "function") idleHandle = requestIdleCallback(go, { timeout: IDLE_TIMEOUT_MS });
    else idleHandle = window.setTimeout(go, 200);
  };
  if (document.readyState === "complete") run();
  else window.addEventListener("load", run, { once: true });
  return () => {
    cancelled = true;
    window.removeEventListener("load", run);
    if (idleHandle === undefined) return;
    if (typeof cancelIdleCallback === "function") cancelIdleCallback(idleHandle);
    else clearTimeout(idleHandle);
  };
}
