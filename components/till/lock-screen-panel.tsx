"use client";

import { useEffect, useState } from "react";
import { useT } from "@/components/i18n/i18n-provider";
import { useOutbox } from "@/components/payments/outbox-provider";
import { useFocusOnChange } from "@/components/ui/use-focus-on-change";
import type { TillStaff } from "@/lib/contract/till";
import { isUnsent } from "@/lib/offline/outbox-item";
import { PinUnlock } from "./pin-unlock";
import { fetchTillStaff } from "@/lib/client/till-api";
import { useTillSession } from "./till-session-provider";
import "@/lib/i18n/catalog/till-lock";
import { goToSignIn } from "@/lib/client/sign-in-page";

/**
 * Covers the till while nobody is at it: pick a person, key the PIN. The page underneath stays as
 * it was (a half-keyed sale is not lost); its queued payments wait (OutboxProvider is paused).
 * Shown by lock-screen.tsx, which loads it only when the till locks.
 */
export function LockScreenPanel() {
  const t = useT();
  const { locked, lockReason, unlocked } = useTillSession();
  const { items, online } = useOutbox();
  const held = items.filter(isUnsent).length;
  const [staff, setStaff] = useState<TillStaff[] | null>(null);
  const headingRef = useFocusOnChange<HTMLHeadingElement>(locked ? "locked" : "open");

  useEffect(() => {
    if (!locked) return;
    let cancelled = false;
    const load = () =>
      void fetchTillStaff().then((list) => {
        if (!cancelled && list) setStaff(list);
      });
    load();
    // Offline now: try again when the connection is back.
    const timer = setInterval(() => staff === null && load(), 5_000);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [locked, online, staff]);

  if (!locked) return null;
  const usePassword = () => goToSignIn({ password: true });
  return (
    <div
      role="dialog"
      aria-modal="true"
      aria-labelledby="lock-title"
      data-testid="lock-screen"
      data-reason={lockReason ?? ""}
      className="fixed inset-0 z-30 overflow-y-auto bg-slate-100 p-4"
    >
      <div className="mx-auto max-w-xl space-y-4 pt-6">
        <h1 id="lock-title" ref={headingRef} tabIndex={-1} className="text-3xl font-bold text-brand focus:outline-none">
          {t("till.lockedTitle")}
        </h1>
        {lockReason === "ended" && (
          <p className="rounded-xl bg-pending-light p-3 font-semibold">{t("till.sessionEnded")}</p>
        )}
        {!online && (
          <p className="rounded-xl bg-pending-light p-3 font-semibold" data-testid="lock-offline">
            {t("till.offlineLocked")}
          </p>
        )}
        {held > 0 && (
          <p className="rounded-xl bg-white p-3 font-semibold ring-1 ring-slate-200" data-testid="lock-held">
            {t("till.heldWhileLocked", { count: held })}
          </p>
        )}
        {staff !== null && <PinUnlock staff={staff} onUnlocked={unlocked} onUsePassword={usePassword} />}
      </div>
    </div>
  );
}
