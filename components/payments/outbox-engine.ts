/**
 * The outbox's working half, loaded by OutboxProvider just after the page is up (not with it: it is
 * IndexedDB, the sync loop, the heartbeat and TanStack Query's online manager, which the keypad
 * does not need to answer its first key; docs/first-load.md). Opens IndexedDB, starts the
 * heartbeat, drains on start, on enqueue, when the server is reachable again, when the tab becomes
 * visible and when an item is due, and tells other tabs (BroadcastChannel) when an item changed.
 * The service worker precaches this chunk like every other, so an installed till starts it offline
 * too.
 */
import { onlineManager } from "@tanstack/react-query";
import { createConnectivity, healthProbe, type Connectivity } from "@/lib/offline/connectivity";
import { openOutboxDb } from "@/lib/offline/db";
import { browserLocks } from "@/lib/offline/locks";
import { createOutbox, type Outbox } from "@/lib/offline/outbox";
import { isOutstanding, type OutboxItem } from "@/lib/offline/outbox-item";
import { createOutboxSync, type OutboxSync } from "@/lib/offline/sync";
import { getQueryClient } from "@/components/providers/query-provider";
import { outboxTransport } from "@/lib/client/outbox-transport";
import { paymentKeys } from "@/lib/client/payment-keys";
import { sessionEnded } from "@/lib/client/session-end";

const CHANNEL = "scantill-outbox";
const MIN_TICK_MS = 500;
const MAX_TICK_MS = 10_000;

export type Engine = { outbox: Outbox; sync: OutboxSync; connectivity: Connectivity };

/** What the engine needs from the page (OutboxProvider's state). */
type OutboxEngineHost = {
  /** Nobody at the till (locked): queued payments wait for a person to send them under (issue 9). */
  paused(): boolean;
  setItems(items: OutboxItem[]): void;
  setOnline(online: boolean): void;
  /** IndexedDB opened and the first list was read (true), or this browser cannot store payments. */
  opened(available: boolean): void;
};

export type OutboxEngineHandle = {
  /** The open outbox, or null until IndexedDB is open (and for good if it cannot be). */
  whenOpen(): Promise<Engine | null>;
  current(): Engine | null;
  /** Shows this list (only a real change re-renders the POS). */
  show(list: OutboxItem[]): void;
  /** Drains now (or, while paused, only erases spent codes). */
  run(): void;
  stop(): void;
};

export function startOutboxEngine(host: OutboxEngineHost): OutboxEngineHandle {
  const queryClient = getQueryClient();
  let engine: Engine | null = null;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let reloadQueued = false;
  const channel = typeof BroadcastChannel === "function" ? new BroadcastChannel(CHANNEL) : null;
  const owner = `tab-${Math.random().toString(36).slice(2)}-${Date.now()}`;
  const connectivity = createConnectivity({ probe: healthProbe, initialOnline: navigator.onLine });

  // Only a real change re-renders the POS (a drain that changed nothing must not disturb the keypad).
  let signature = "";
  const show = (list: OutboxItem[]) => {
    const next = list.map((i) => `${i.outTradeNo}:${i.updatedAt}`).join("|");
    if (stopped || next === signature) return;
    signature = next;
    host.setItems(list);
  };
  const reload = () => {
    if (reloadQueued || !engine) return;
    reloadQueued = true;
    queueMicrotask(() => {
      reloadQueued = false;
      void engine?.outbox.list().then(show);
    });
  };

  const loop = async () => {
    const current = engine;
    if (!current || stopped) return;
    if (timer) clearTimeout(timer);
    timer = null;
    try {
      if (host.paused()) {
        // Locked: nothing is sent, but a code that can never be sent is still erased on time.
        await current.sync.eraseSpentCodes();
        reload();
        const due = await current.sync.nextDueAt().catch(() => null);
        if (!stopped && host.paused() && due !== null)
          timer = setTimeout(() => void loop(), Math.min(MAX_TICK_MS, Math.max(MIN_TICK_MS, due - Date.now())));
        return;
      }
      const report = await current.sync.drain();
      if (Object.values(report.outcomes).includes("signed_out")) {
        // The till locks (lib/client/session-end.ts); the outbox waits in IndexedDB and resumes on unlock.
        sessionEnded("till");
        return;
      }
    } catch (error) {
      console.error("[outbox] drain failed", error);
    }
    if (stopped) return;
    reload();
    const due = await current.sync.nextDueAt().catch(() => null);
    if (stopped || due === null) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void loop(), Math.min(MAX_TICK_MS, Math.max(MIN_TICK_MS, due - Date.now())));
  };

  // TanStack Query pauses and resumes its queries on the heartbeat's verdict, not navigator.onLine.
  onlineManager.setEventListener((setQueryOnline) => {
    setQueryOnline(connectivity.isOnline());
    return connectivity.subscribe((state) => setQueryOnline(state.online));
  });
  const unsubscribe = connectivity.subscribe((state) => {
    host.setOnline(state.online);
    if (state.online && !host.paused()) void engine?.sync.kick().then(() => void loop());
  });
  const onOnline = () => void connectivity.browserOnline();
  const onOffline = () => connectivity.browserOffline();
  const onVisible = () => {
    if (document.visibilityState !== "visible") return;
    void connectivity.browserOnline();
    void loop();
  };
  window.addEventListener("online", onOnline);
  window.addEventListener("offline", onOffline);
  document.addEventListener("visibilitychange", onVisible);
  if (channel) channel.onmessage = () => reload();
  host.setOnline(connectivity.isOnline());
  connectivity.start();

  const opening: Promise<Engine | null> = openOutboxDb()
    .then((db) => {
      if (stopped) {
        db.close();
        return null;
      }
      const outbox = createOutbox(db);
      const sync = createOutboxSync({
        outbox,
        transport: outboxTransport,
        connectivity,
        lock: { owner, locks: browserLocks() },
        onChange: (item) => {
          reload();
          channel?.postMessage({ outTradeNo: item.outTradeNo });
          if (item.payment) queryClient.setQueryData(paymentKeys.detail(item.outTradeNo), item.payment);
          if (!isOutstanding(item)) void queryClient.invalidateQueries({ queryKey: paymentKeys.lists() });
        },
      });
      const opened: Engine = { outbox, sync, connectivity };
      engine = opened;
      return outbox.list().then((list) => {
        if (stopped) return null;
        show(list);
        host.opened(true);
        void loop();
        return opened;
      });
    })
    .catch((error: unknown) => {
      console.error("[outbox] IndexedDB is not available", error);
      if (!stopped) host.opened(false);
      return null;
    });

  return {
    whenOpen: () => opening,
    current: () => engine,
    show,
    run: () => void loop(),
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      unsubscribe();
      connectivity.stop();
      window.removeEventListener("online", onOnline);
      window.removeEventListener("offline", onOffline);
      document.removeEventListener("visibilitychange", onVisible);
      channel?.close();
      onlineManager.setEventListener((setQueryOnline) => {
        const update = () => setQueryOnline(navigator.onLine);
        window.addEventListener("online", update);
        window.addEventListener("offline", update);
        return () => {
          window.removeEventListener("online", update);
          window.removeEventListener("offline", update);
        };
      });
      engine?.outbox.db.close();
      engine = null;
    },
  };
}
