"use client";
/**
 * Who is at this till, as the browser knows it (issue 9): the person the server vouches for
 * (GET /api/session), remembered in localStorage so a page served offline names the right person
 * (till-session-store.ts). Locks the till after TILL_LOCK_MINUTES without a touch or key, and when
 * the server says the session ended (disabled, revoked, expired); while locked the outbox holds its
 * payments and the lock screen asks for a PIN.
 */
import { useRouter } from "next/navigation";
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import type { StaffUser } from "@/lib/auth/roles";
import type { TillSession } from "@/lib/contract/till";
import { sessionEnded, whileTillMounted } from "@/lib/client/session-end";
import type { SessionAnswer } from "@/lib/client/till-api";
import { isStoredLocked, readStoredSession, storeLocked, storeSession, TILL_STORAGE_KEYS } from "./till-session-store";

type LockReason = "manual" | "idle" | "ended";

type TillSessionValue = {
  /** Who is at the till; null when nobody is (locked, or never known on this device). */
  staff: StaffUser | null;
  /** The proof this person's queued payments carry (lib/auth/scan-proof.ts). */
  scanProof: string | null;
  locked: boolean;
  lockReason: LockReason | null;
  lock(reason?: LockReason): void;
  unlocked(session: TillSession): void;
};

const TillSessionContext = createContext<TillSessionValue>({
  staff: null,
  scanProof: null,
  locked: false,
  lockReason: null,
  lock: () => {},
  unlocked: () => {},
});

export function useTillSession(): TillSessionValue {
  return useContext(TillSessionContext);
}

// The session requests read their answers with the contract's schemas (zod): loaded just after the
// page, not with every POS page's first load (docs/first-load.md).
const loadTillApi = () => import("@/lib/client/till-api");
const fetchTillSession = (): Promise<SessionAnswer> =>
  loadTillApi().then(
    (api) => api.fetchTillSession(),
    () => ({ kind: "unreachable" }),
  );
const lockOnServer = (): Promise<boolean> =>
  loadTillApi().then(
    (api) => api.lockOnServer(),
    () => false,
  );

const HEARTBEAT_MS = 60_000;
const IDLE_CHECK_MS = 5_000;
const ACTIVITY_EVENTS = ["pointerdown", "keydown", "wheel", "touchstart"] as const;

export function TillSessionProvider({ initialStaff, children }: { initialStaff: StaffUser; children: ReactNode }) {
  const router = useRouter();
  const [session, setSession] = useState<TillSession | null>(null);
  const [locked, setLocked] = useState(false);
  const [lockReason, setLockReason] = useState<LockReason | null>(null);
  const [mountedAt] = useState(Date.now);
  const lastActivity = useRef(mountedAt);
  const lockAfter = useRef<number | null>(null);
  const serverLockOwed = useRef(false);

  const lock = useCallback((reason: LockReason = "manual") => {
    storeLocked();
    setSession(null);
    setLocked(true);
    setLockReason(reason);
    if (reason !== "ended") {
      serverLockOwed.current = true;
      void lockOnServer().then((done) => {
        if (done) serverLockOwed.current = false;
      });
    }
  }, []);

  // When the server says the session ended, the till locks (lib/client/session-end.ts decides).
  useEffect(() => whileTillMounted(() => lock("ended")), [lock]);

  const unlocked = useCallback(
    (next: TillSession) => {
      storeSession(next);
      setSession(next);
      lockAfter.current = next.lockAfterMs;
      setLocked(false);
      setLockReason(null);
      lastActivity.current = Date.now();
      serverLockOwed.current = false;
      // Server-rendered parts (navigation by role, refund rights) follow the new person.
      router.refresh();
    },
    [router],
  );

  // First look: what this device remembers, then what the server says.
  useEffect(() => {
    const stored = readStoredSession();
    if (isStoredLocked()) {
      // What this device remembers lives in its storage, which the server render cannot see; it is
      // adopted after hydration (reading it during render would not match the server's HTML).
      // eslint-disable-next-line react-hooks/set-state-in-effect
      setLocked(true);
      setLockReason("manual");
      serverLockOwed.current = true;
    } else if (stored) {
      setSession(stored);
      lockAfter.current = stored.lockAfterMs;
    }
    let cancelled = false;
    void fetchTillSession().then((answer) => {
      if (cancelled) return;
      if (answer.kind === "active") {
        if (!isStoredLocked()) {
          storeSession(answer.session);
          setSession(answer.session);
          lockAfter.current = answer.session.lockAfterMs;
        }
      } else if (answer.kind === "signedOut") {
        sessionEnded("till");
      } else if (!stored) {
        // Offline, and this device does not know who is here: nobody may take payments.
        lock("ended");
      }
    });
    return () => {
      cancelled = true;
    };
  }, [lock]);

  // Another tab locked or unlocked.
  useEffect(() => {
    const onStorage = (event: StorageEvent) => {
      if (!event.key || !TILL_STORAGE_KEYS.includes(event.key)) return;
      if (isStoredLocked()) {
        setSession(null);
        setLocked(true);
        setLockReason("manual");
      } else {
        const stored = readStoredSession();
        if (stored) {
          setSession(stored);
          setLocked(false);
          setLockReason(null);
        }
      }
    };
    window.addEventListener("storage", onStorage);
    return () => window.removeEventListener("storage", onStorage);
  }, []);

  // Idle lock and heartbeat; a lock the server has not heard of yet is told when it can be.
  useEffect(() => {
    const touch = () => {
      lastActivity.current = Date.now();
    };
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, touch, { passive: true, capture: true });
    const idle = setInterval(() => {
      if (serverLockOwed.current) {
        void lockOnServer().then((done) => {
          if (done) serverLockOwed.current = false;
        });
      }
      const limit = lockAfter.current;
      if (!locked && limit !== null && Date.now() - lastActivity.current > limit) lock("idle");
    }, IDLE_CHECK_MS);
    const heartbeat = setInterval(() => {
      if (locked || Date.now() - lastActivity.current > HEARTBEAT_MS) return;
      void fetchTillSession().then((answer) => {
        if (answer.kind === "signedOut") sessionEnded("till");
        else if (answer.kind === "active") {
          storeSession(answer.session);
          setSession(answer.session);
        }
      });
    }, HEARTBEAT_MS);
    return () => {
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, touch, { capture: true });
      clearInterval(idle);
      clearInterval(heartbeat);
    };
  }, [locked, lock]);

  const value = useMemo<TillSessionValue>(
    () => ({
      staff: locked ? null : (session?.staff ?? initialStaff),
      scanProof: locked ? null : (session?.scanProof ?? null),
      locked,
      lockReason,
      lock,
      unlocked,
    }),
    [session, locked, lockReason, lock, unlocked, initialStaff],
  );
  return <TillSessionContext.Provider value={value}>{children}</TillSessionContext.Provider>;
}
