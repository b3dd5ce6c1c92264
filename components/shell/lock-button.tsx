"use client";

import { useT } from "@/components/i18n/i18n-provider";
import { useTillSession } from "@/components/till/till-session-provider";
import { LockIcon } from "@/components/ui/icons";
import "@/lib/i18n/catalog/till";

/** Locks the till to the PIN screen: the next person switches in with their PIN. */
export function LockButton({ className = "" }: { className?: string }) {
  const t = useT();
  const { lock } = useTillSession();
  return (
    <button
      type="button"
      data-testid="lock-till"
      aria-label={t("till.lockLabel")}
      title={t("till.lockLabel")}
      onClick={() => lock("manual")}
      // Below md its icon in a 44 px target, always in the bar, never behind the menu (docs/phone-layout.md §2).
      className={`flex min-h-touch items-center justify-center rounded-xl px-3 font-semibold text-ink-muted hover:bg-slate-200 hover:text-ink focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-brand max-md:min-h-11 max-md:min-w-11 max-md:px-0 ${className}`}
    >
      <LockIcon className="size-6 md:hidden" />
      <span className="max-md:sr-only">{t("till.lock")}</span>
    </button>
  );
}
