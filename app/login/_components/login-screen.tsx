"use client";

import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { useT } from "@/components/i18n/i18n-provider";
import { PinUnlock } from "@/components/till/pin-unlock";
import { storeSession } from "@/components/till/till-session-store";
import { LanguageSwitch } from "@/components/ui/language-switch";
import type { TillSession, TillStaff } from "@/lib/contract/till";
import { DemoStaffPanel, type DemoAccount } from "./demo-staff-panel";
import { LoginForm } from "./login-form";
import "@/lib/i18n/catalog/common";
import "@/lib/i18n/catalog/till-lock";
import "@/lib/i18n/catalog/auth-sign-in";

type Props = {
  callbackUrl: string;
  isDemo: boolean;
  demoAccounts: ReadonlyArray<DemoAccount>;
  /** Staff who signed in with their password on this device: they switch in by PIN. */
  tillStaff: TillStaff[];
  startWithPassword: boolean;
  initialError: boolean;
};

export function LoginScreen({ callbackUrl, isDemo, demoAccounts, tillStaff, startWithPassword, initialError }: Props) {
  const t = useT();
  const router = useRouter();
  const [mode, setMode] = useState<"pin" | "password">(
    tillStaff.length > 0 && !startWithPassword && !initialError ? "pin" : "password",
  );
  const unlocked = (session: TillSession) => {
    storeSession(session);
    router.replace(callbackUrl);
    router.refresh();
  };
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const usernameRef = useRef<HTMLInputElement>(null);
  const submitRef = useRef<HTMLButtonElement>(null);

  const pick = (account: DemoAccount) => {
    setMode("password");
    setUsername(account.username);
    setPassword(account.password);
    requestAnimationFrame(() => submitRef.current?.focus());
  };

  return (
    <div className="flex min-h-dvh flex-col">
      {isDemo && (
        <p data-testid="demo-banner" className="bg-pending px-4 py-2 text-center font-semibold text-white">
          {t("auth.demoBanner")}
        </p>
      )}
      <div className="flex justify-end p-3">
        <LanguageSwitch />
      </div>
      <main className="mx-auto grid w-full max-w-4xl flex-1 content-start gap-6 px-4 pb-10 sm:pt-6 md:grid-cols-2 md:items-start">
        <section aria-labelledby="login-title" className="rounded-2xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
          <p className="text-lg font-bold text-brand">{t("common.appName")}</p>
          <h1 id="login-title" className="mt-1 text-3xl font-bold">
            {t("auth.signInTitle")}
          </h1>
          <p className="mt-1 mb-5 text-ink-muted">{t("auth.signInSubtitle")}</p>
          {mode === "pin" ? (
            <PinUnlock staff={tillStaff} onUnlocked={unlocked} onUsePassword={() => setMode("password")} />
          ) : (
            <LoginForm
              callbackUrl={callbackUrl}
              username={username}
              password={password}
              onUsername={setUsername}
              onPassword={setPassword}
              initialError={initialError}
              usernameRef={usernameRef}
              submitRef={submitRef}
            />
          )}
          {mode === "password" && tillStaff.length > 0 && (
            <button
              type="button"
              data-testid="login-use-pin"
              onClick={() => setMode("pin")}
              className="mt-4 min-h-touch w-full rounded-xl font-semibold text-brand hover:bg-brand-light"
            >
              {t("till.usePin")}
            </button>
          )}
        </section>
        {isDemo && demoAccounts.length > 0 && <DemoStaffPanel accounts={demoAccounts} onPick={pick} />}
      </main>
    </div>
  );
}
