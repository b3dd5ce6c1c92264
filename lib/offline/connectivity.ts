/**
 * Whether the server can be reached, told by a heartbeat (BROWSER ONLY, timers injectable).
 *
 * Owns: the online/offline state machine. A `GET /api/health` that answers 2xx means online;
 * `navigator.onLine === false` (the `offline` event) means offline at once; the `online` event and
 * a visible tab only trigger a heartbeat, because the browser's "online" is often a lie on café
 * Wi-Fi. Heartbeats run every `offlineIntervalMs` while offline (so sending resumes within ~2 s of
 * the network coming back) and every `onlineIntervalMs` while online. Must never: send payments, or
 * call itself online without a heartbeat that answered.
 */
import "client-only";

export type Timers = {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
};

const realTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

type ConnectivityOptions = {
  /** One heartbeat: true when the server answered 2xx. Must settle within `probeTimeoutMs`. */
  probe(signal: AbortSignal): Promise<boolean>;
  timers?: Timers;
  initialOnline?: boolean;
  onlineIntervalMs?: number;
  offlineIntervalMs?: number;
  /** After one failed heartbeat while online, the next comes this soon; a second failure means offline. */
  recheckMs?: number;
  probeTimeoutMs?: number;
};

type ConnectivityState = {
  online: boolean;
  lastOkAt: number | null;
  lastFailAt: number | null;
  failures: number;
};

export type Connectivity = ReturnType<typeof createConnectivity>;

export function createConnectivity(options: ConnectivityOptions) {
  const timers = options.timers ?? realTimers;
  const onlineInterval = options.onlineIntervalMs ?? 10_000;
  const offlineInterval = options.offlineIntervalMs ?? 2_000;
  const recheck = options.recheckMs ?? 1_000;
  const probeTimeout = options.probeTimeoutMs ?? 3_000;
  let state: ConnectivityState = {
    online: options.initialOnline ?? true,
    lastOkAt: null,
    lastFailAt: null,
    failures: 0,
  };
  const listeners = new Set<(state: ConnectivityState) => void>();
  let timer: unknown = null;
  let probing: Promise<void> | null = null;
  let running = false;

  function set(next: ConnectivityState): void {
    const changed = next.online !== state.online;
    state = next;
    if (changed) for (const listener of listeners) listener(state);
  }

  function schedule(ms: number): void {
    if (timer !== null) timers.clearTimeout(timer);
    timer = running ? timers.setTimeout(() => void check(), ms) : null;
  }

  /** One heartbeat now (shares one already in flight). */
  function check(): Promise<void> {
    if (probing) return probing;
    probing = (async () => {
      const controller = new AbortController();
      const timeout = timers.setTimeout(() => controller.abort(), probeTimeout);
      let ok = false;
      try {
        ok = await options.probe(controller.signal);
      } catch {
        ok = false;
      } finally {
        timers.clearTimeout(timeout);
      }
      const at = timers.now();
      if (ok) {
        set({ online: true, lastOkAt: at, lastFailAt: state.lastFailAt, failures: 0 });
        schedule(onlineInterval);
      } else {
        const failures = state.failures + 1;
        // One lost heartbeat on flaky Wi-Fi is checked again soon; two in a row mean offline.
        const online = state.online && failures < 2;
        set({ online, lastOkAt: state.lastOkAt, lastFailAt: at, failures });
        schedule(online ? recheck : offlineInterval);
      }
    })().finally(() => {
      probing = null;
    });
    return probing;
  }

  return {
    start(): void {
      if (running) return;
      running = true;
      void check();
    },
    stop(): void {
      running = false;
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
    },
    get state(): ConnectivityState {
      return state;
    },
    isOnline(): boolean {
      return state.online;
    },
    subscribe(listener: (state: ConnectivityState) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    check,
    /** The browser says it lost the network (`offline` event): believe it at once. */
    browserOffline(): void {
      set({ ...state, online: false, lastFailAt: timers.now(), failures: Math.max(state.failures, 2) });
      schedule(offlineInterval);
    },
    /** The `online` event or a visible tab: ask the server rather than trust the browser. */
    browserOnline(): Promise<void> {
      return check();
    },
    /** A real request just failed for network reasons: check now instead of at the next beat. */
    suspect(): Promise<void> {
      return check();
    },
  };
}

/** The heartbeat used in the browser. The query string keeps any cache (a service worker's too) out of it. */
export async function healthProbe(signal: AbortSignal): Promise<boolean> {
  try {
    const response = await fetch(`/api/health?hb=${Date.now()}`, {
      cache: "no-store",
      headers: { Accept: "application/json" },
      signal,
    });
    return response.ok;
  } catch {
    return false;
  }
}
