"use client";

import { useEffect, useState } from "react";
import { preloadAuthClient, signedInSession, signInWith } from "@/lib/client/auth-client";
import { useT } from "@/components/i18n/i18n-provider";
import { ROLE_LABEL } from "@/components/shell/role-label";
import { Button } from "@/components/ui/button";
import { BackspaceIcon } from "@/components/ui/icons";
import type { TillSession, TillStaff } from "@/lib/contract/till";
import type { MessageKey } from "@/lib/i18n/messages";
import "@/lib/i18n/catalog/sale";
import "@/lib/i18n/catalog/till-lock";

const MAX_PIN = 6;
const KEY_CLASS =
  "flex min-h-16 items-center justify-center rounded-2xl bg-white text-3xl font-semibold text-ink shadow-sm ring-1 ring-slate-200 select-none hover:bg-slate-100 active:bg-brand-light focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-brand";

/**
 * Pick who you are, key your PIN: the switch between staff on a shared till (issue 9). The server
 * checks the PIN (next-auth "pin" provider) only for staff who signed in with their password on this
 * device; the PIN lives in this component's state for one try and is cleared after it.
 */
export function PinUnlock({
  staff,
  onUnlocked,
  onUsePassword,
}: {
  staff: TillStaff[];
  onUnlocked: (session: TillSession) => void;
  onUsePassword: () => void;
}) {
  const t = useT();
  const [chosen, setChosen] = useState<TillStaff | null>(staff.length === 1 ? staff[0]! : null);
  const [pin, setPin] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<MessageKey | null>(null);
  useEffect(preloadAuthClient, []);

  const submit = async (value: string) => {
    if (!chosen || busy || value.length < 4) return;
    setBusy(true);
    setError(null);
    try {
      const result = await signInWith("pin", { username: chosen.username, pin: value });
      if (result?.ok && !result.error) {
        const session = await signedInSession();
        if (session) {
          onUnlocked(session);
          return;
        }
        setError("till.unlockUnavailable");
      } else {
        setError(result?.error ? "till.wrongPin" : "till.unlockUnavailable");
      }
    } catch {
      setError("till.unlockUnavailable");
    }
    setPin("");
    setBusy(false);
  };

  const press = (digit: string) => {
    if (busy) return;
    setError(null);
    setPin((p) => (p.length < MAX_PIN ? p + digit : p));
  };

  if (!chosen) {
    return (
      <div className="space-y-4" data-testid="pin-staff-picker">
        <h2 className="text-2xl font-bold">{t("till.whoIsHere")}</h2>
        {staff.length === 0 && <p className="text-ink-muted">{t("till.nobodyEnrolled")}</p>}
        <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3">
          {staff.map((person) => (
            <li key={person.username}>
              <button
                type="button"
                data-testid={`pin-staff-${person.username}`}
                onClick={() => setChosen(person)}
                className="flex min-h-20 w-full flex-col items-center justify-center rounded-2xl bg-white p-3 text-lg font-semibold shadow-sm ring-1 ring-slate-200 hover:bg-brand-light focus-visible:outline-3 focus-visible:outline-brand"
              >
                <span>{person.username}</span>
                <span className="text-sm font-normal text-ink-muted">{t(ROLE_LABEL[person.role])}</span>
              </button>
            </li>
          ))}
        </ul>
        <Button variant="secondary" className="w-full" data-testid="pin-use-password" onClick={onUsePassword}>
          {t("till.usePassword")}
        </Button>
      </div>
    );
  }

  if (!chosen.hasPin) {
    return (
      <div className="space-y-4">
        <p role="alert" className="rounded-xl bg-pending-light p-3 font-semibold">
          {t("till.noPin", { username: chosen.username })}
        </p>
        <div className="grid grid-cols-2 gap-3">
          <Button variant="secondary" onClick={() => setChosen(null)}>
            {t("till.back")}
          </Button>
          <Button onClick={onUsePassword}>{t("till.usePassword")}</Button>
        </div>
      </div>
    );
  }

  return (
    <form
      className="mx-auto max-w-sm space-y-4"
      data-testid="pin-form"
      onSubmit={(event) => {
        event.preventDefault();
        void submit(pin);
      }}
    >
      <h2 className="text-2xl font-bold">{t("till.pinFor", { username: chosen.username })}</h2>
      {/* A real input for hardware keyboards and screen readers; the pad below is for touch. */}
      <input
        data-testid="pin-input"
        aria-label={t("till.pinLabel")}
        type="password"
        inputMode="numeric"
        autoComplete="off"
        maxLength={MAX_PIN}
        value={pin}
        onChange={(event) => setPin(event.target.value.replace(/\D/g, "").slice(0, MAX_PIN))}
        className="block min-h-touch w-full rounded-xl border-2 border-slate-300 bg-white px-4 text-center text-3xl tracking-[0.5em] focus:border-brand focus:outline-none"
        autoFocus
      />
      <p className="sr-only" aria-live="polite">
        {t("till.pinDigitsEntered", { count: pin.length })}
      </p>
      {error && (
        <p role="alert" data-testid="pin-error" className="rounded-xl bg-failed-light p-3 font-semibold text-failed">
          {t(error)}
        </p>
      )}
      <div role="group" aria-label={t("till.pinLabel")} className="grid grid-cols-3 gap-2">
        {["1", "2", "3", "4", "5", "6", "7", "8", "9"].map((d) => (
          <button key={d} type="button" data-testid={`pin-key-${d}`} className={KEY_CLASS} onClick={() => press(d)}>
            {d}
          </button>
        ))}
        <button type="button" className={KEY_CLASS} aria-label={t("till.clear")} onClick={() => setPin("")}>
          C
        </button>
        <button type="button" data-testid="pin-key-0" className={KEY_CLASS} onClick={() => press("0")}>
          0
        </button>
        <button
          type="button"
          className={KEY_CLASS}
          aria-label={t("sale.keyBackspace")}
          onClick={() => setPin((p) => p.slice(0, -1))}
        >
          <BackspaceIcon className="size-8" />
        </button>
      </div>
      <div className="grid grid-cols-2 gap-3">
        <Button
          type="button"
          variant="secondary"
          onClick={() => {
            setChosen(null);
            setPin("");
            setError(null);
          }}
        >
          {t("till.back")}
        </Button>
        <Button type="submit" data-testid="pin-submit" disabled={busy || pin.length < 4}>
          {busy ? t("till.unlocking") : t("till.unlock")}
        </Button>
      </div>
    </form>
  );
}
