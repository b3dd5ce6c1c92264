"use client";

import { useT } from "@/components/i18n/i18n-provider";
import { useTillSession } from "@/components/till/till-session-provider";
import "@/lib/i18n/catalog/till";

/** Locks the till to the PIN screen: the next person switches in with their PIN. */
export function LockButton() {
  const t = useT();
  const { lock } = useTillSession();
  return (
    <button
      type="button"
      data-testid="lock-till"
      aria-label={t("till.lockLabel")}
      title={t("till.lockLabel")}
      onClick={() => lock("manual")}
      className="min-h-touch rounded-xl px-3 font-semibold text-ink-muted hover:bg-slate-200 hover:text-ink focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-brand"
    >
      {t("till.lock")}
    </button>
  );
}
