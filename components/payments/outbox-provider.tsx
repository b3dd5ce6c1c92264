"use client";
/**
 * The terminal's outbox for every POS page (mounted once in `app/(pos)/layout.tsx`): the state the
 * screens show (items, online, ready) and the calls they make (enqueue, kick, cancel, dismiss). The
 * work itself (IndexedDB, the sync loop, the heartbeat) is outbox-engine.ts, loaded just after the
 * page is up so that it is not in the sale screen's first load (docs/first-load.md). A payment
 * scanned before it is open waits for it: it is still written to IndexedDB before anything is sent.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { isOutstanding, type NewOutboxItem, type OutboxItem } from "@/lib/offline/outbox-item";
import { useTillSession } from "@/components/till/till-session-provider";
import type { Engine, OutboxEngineHandle } from "./outbox-engine";

type OutboxContextValue = {
  /** IndexedDB was opened (or failed to open) and the first list was read. */
  ready: boolean;
  /** False when this browser cannot store payments (no IndexedDB): nothing may be sent. */
  available: boolean;
  /** Every item, oldest first. */
  items: OutboxItem[];
  /** The outstanding items (`isOutstanding`): work this till still owes, which blocks sign-out. */
  outstanding: OutboxItem[];
  /** The heartbeat's verdict. */
  online: boolean;
  /** Stores a payment before anything is sent; false if it could not be stored. */
  enqueue(input: NewOutboxItem): Promise<boolean>;
  /** Look at every outstanding item now (or one), ignoring back-off. */
  kick(outTradeNo?: string): void;
  markCancelRequested(outTradeNo: string): void;
  dismiss(outTradeNo: string): void;
};

const FALLBACK: OutboxContextValue = {
  ready: true,
  available: false,
  items: [],
  outstanding: [],
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

export function OutboxProvider({ children }: { children: ReactNode }) {
  // Nobody at the till (locked): queued payments wait for a person to send them under (issue 9).
  const { locked } = useTillSession();
  const paused = useRef(locked);
  const [ready, setReady] = useState(false);
  const [available, setAvailable] = useState(true);
  const [items, setItems] = useState<OutboxItem[]>([]);
  const [online, setOnline] = useState(true);
  const handle = useRef<OutboxEngineHandle | null>(null);
  const starting = useRef<Promise<OutboxEngineHandle | null>>(Promise.resolve(null));

  useEffect(() => {
    let stopped = false;
    let started: OutboxEngineHandle | null = null;
    starting.current = import("./outbox-engine").then(
      ({ startOutboxEngine }) => {
        if (stopped) return null;
        started = startOutboxEngine({
          paused: () => paused.current,
          setItems,
          setOnline,
          opened: (ok) => {
            setAvailable(ok);
            setReady(true);
          },
        });
        handle.current = started;
        return started;
      },
      (error: unknown) => {
        console.error("[outbox] could not load the outbox", error);
        if (!stopped) {
          setAvailable(false);
          setReady(true);
        }
        return null;
      },
    );
    return () => {
      stopped = true;
      started?.stop();
      handle.current = null;
    };
  }, []);

  useEffect(() => {
    paused.current = locked;
    handle.current?.run();
  }, [locked]);

  /** The open outbox, waiting for it while it loads and opens; null if it cannot be had. */
  const openEngine = useCallback(async (): Promise<{ engine: Engine; handle: OutboxEngineHandle } | null> => {
    const started = handle.current ?? (await starting.current);
    const engine = started ? (started.current() ?? (await started.whenOpen())) : null;
    return started && engine ? { engine, handle: started } : null;
  }, []);

  const enqueue = useCallback(
    async (input: NewOutboxItem) => {
      const open = await openEngine();
      if (!open) return false;
      try {
        await open.engine.outbox.enqueue(input);
      } catch (error) {
        console.error("[outbox] could not store the payment", error);
        return false;
      }
      open.handle.show(await open.engine.outbox.list());
      open.handle.run();
      return true;
    },
    [openEngine],
  );

  const kick = useCallback((outTradeNo?: string) => {
    if (paused.current) return;
    const started = handle.current;
    void started
      ?.current()
      ?.sync.kick(outTradeNo)
      .then(() => started.run());
  }, []);
  const markCancelRequested = useCallback((outTradeNo: string) => {
    void handle.current?.current()?.sync.markCancelRequested(outTradeNo);
  }, []);
  const dismiss = useCallback((outTradeNo: string) => {
    void handle.current?.current()?.sync.dismiss(outTradeNo);
  }, []);

  const value = useMemo<OutboxContextValue>(
    () => ({
      ready,
      available,
      items,
      outstanding: items.filter(isOutstanding),
      online,
      enqueue,
      kick,
      markCancelRequested,
      dismiss,
    }),
    [ready, available, items, online, enqueue, kick, markCancelRequested, dismiss],
  );
  return <OutboxContext.Provider value={value}>{children}</OutboxContext.Provider>;
}
