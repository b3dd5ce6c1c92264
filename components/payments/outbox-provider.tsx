"use client";
/**
 * Runs the terminal's outbox for every POS page: opens IndexedDB, starts the heartbeat, drains on
 * start, on enqueue, when the server is reachable again, when the tab becomes visible and when an
 * item is due, and tells other tabs (BroadcastChannel) when an item changed. Mounted once in
 * `app/(pos)/layout.tsx`.
 */
import { onlineManager, useQueryClient } from "@tanstack/react-query";
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { createConnectivity, healthProbe, type Connectivity } from "@/lib/offline/connectivity";
import { openOutboxDb } from "@/lib/offline/db";
import { browserLocks } from "@/lib/offline/locks";
import { createOutbox, type Outbox } from "@/lib/offline/outbox";
import { isOpen, type NewOutboxItem, type OutboxItem } from "@/lib/offline/outbox-item";
import { createOutboxSync, type OutboxSync } from "@/lib/offline/sync";
import { outboxTransport } from "./outbox-transport";
import { useTillSession } from "@/components/till/till-session-provider";
import { paymentKeys } from "./payment-keys";

type OutboxContextValue = {
  /** IndexedDB was opened (or failed to open) and the first list was read. */
  ready: boolean;
  /** False when this browser cannot store payments (no IndexedDB): nothing may be sent. */
  available: boolean;
  /** Every item, oldest first. */
  items: OutboxItem[];
  /** Unsent and unsettled: counted in the top bar, block sign-out. */
  open: OutboxItem[];
  /** The heartbeat's verdict. */
  online: boolean;
  /** Stores a payment before anything is sent; false if it could not be stored. */
  enqueue(input: NewOutboxItem): Promise<boolean>;
  /** Look at every open item now (or one), ignoring back-off. */
  kick(outTradeNo?: string): void;
  markCancelRequested(outTradeNo: string): void;
  dismiss(outTradeNo: string): void;
};

const FALLBACK: OutboxContextValue = {
  ready: true,
  available: false,
  items: [],
  open: [],
  online: true,
  enqueue: async () => false,
  kick: () => {},
  markCancelRequested: () => {},
  dismiss: () => {},
};

const OutboxContext = createContext<OutboxContextValue>(FALLBACK);

export function useOutbox(): OutboxContextValue {
  return useContext(OutboxContext);
}

const CHANNEL = "scantill-outbox";
const MIN_TICK_MS = 500;
const MAX_TICK_MS = 10_000;

type Engine = { outbox: Outbox; sync: OutboxSync; connectivity: Connectivity };

export function OutboxProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  // Nobody at the till (locked): queued payments wait for a person to send them under (issue 9).
  const { locked, lock } = useTillSession();
  const paused = useRef(locked);
  const lockRef = useRef(lock);
  lockRef.current = lock;
  const [ready, setReady] = useState(false);
  const [available, setAvailable] = useState(true);
  const [items, setItems] = useState<OutboxItem[]>([]);
  const [online, setOnline] = useState(true);
  const engine = useRef<Engine | null>(null);
  const run = useRef<() => void>(() => {});
  const showList = useRef<(list: OutboxItem[]) => void>(setItems);

  useEffect(() => {
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
      setItems(list);
    };
    showList.current = show;
    const reload = () => {
      if (reloadQueued || !engine.current) return;
      reloadQueued = true;
      queueMicrotask(() => {
        reloadQueued = false;
        void engine.current?.outbox.list().then(show);
      });
    };

    const loop = async () => {
      const current = engine.current;
      if (!current || stopped) return;
      if (timer) clearTimeout(timer);
      timer = null;
      try {
        if (paused.current) {
          // Locked: nothing is sent, but a code that can never be sent is still erased on time.
          await current.sync.eraseSpentCodes();
          reload();
          const due = await current.sync.nextDueAt().catch(() => null);
          if (!stopped && paused.current && due !== null) timer = setTimeout(() => void loop(), Math.min(MAX_TICK_MS, Math.max(MIN_TICK_MS, due - Date.now())));
          return;
        }
        const report = await current.sync.drain();
        // The session ended: the till locks; the outbox waits in IndexedDB and resumes on unlock.
        if (Object.values(report.outcomes).includes("signed_out")) {
          lockRef.current("ended");
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
    run.current = () => void loop();

    // TanStack Query pauses and resumes its queries on the heartbeat's verdict, not navigator.onLine.
    onlineManager.setEventListener((setQueryOnline) => {
      setQueryOnline(connectivity.isOnline());
      return connectivity.subscribe((state) => setQueryOnline(state.online));
    });
    const unsubscribe = connectivity.subscribe((state) => {
      setOnline(state.online);
      if (state.online && !paused.current) void engine.current?.sync.kick().then(() => void loop());
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
    setOnline(connectivity.isOnline());
    connectivity.start();

    openOutboxDb()
      .then((db) => {
        if (stopped) return void db.close();
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
            if (!isOpen(item)) void queryClient.invalidateQueries({ queryKey: paymentKeys.lists() });
          },
        });
        engine.current = { outbox, sync, connectivity };
        return outbox.list().then((list) => {
          if (stopped) return;
          show(list);
          setReady(true);
          void loop();
        });
      })
      .catch((error: unknown) => {
        console.error("[outbox] IndexedDB is not available", error);
        if (stopped) return;
        setAvailable(false);
        setReady(true);
      });

    return () => {
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
      engine.current?.outbox.db.close();
      engine.current = null;
    };
  }, [queryClient]);

  useEffect(() => {
    paused.current = locked;
    run.current();
  }, [locked]);

  const enqueue = useCallback(async (input: NewOutboxItem) => {
    const current = engine.current;
    if (!current) return false;
    try {
      await current.outbox.enqueue(input);
    } catch (error) {
      console.error("[outbox] could not store the payment", error);
      return false;
    }
    showList.current(await current.outbox.list());
    run.current();
    return true;
  }, []);

  const kick = useCallback((outTradeNo?: string) => {
    if (paused.current) return;
    void engine.current?.sync.kick(outTradeNo).then(() => run.current());
  }, []);
  const markCancelRequested = useCallback((outTradeNo: string) => {
    void engine.current?.sync.markCancelRequested(outTradeNo);
  }, []);
  const dismiss = useCallback((outTradeNo: string) => {
    void engine.current?.sync.dismiss(outTradeNo);
  }, []);

  const value = useMemo<OutboxContextValue>(
    () => ({ ready, available, items, open: items.filter(isOpen), online, enqueue, kick, markCancelRequested, dismiss }),
    [ready, available, items, online, enqueue, kick, markCancelRequested, dismiss],
  );
  return <OutboxContext.Provider value={value}>{children}</OutboxContext.Provider>;
}
