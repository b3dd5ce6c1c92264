"use client";

import { useT } from "@/components/i18n/i18n-provider";
import { OwnSecretForm } from "./own-secret-form";
import "@/lib/i18n/catalog/staff";

/** Every role: change one's own PIN and password (issue 9, self-service). */
export function MyAccountScreen({ username, minPasswordLength }: { username: string; minPasswordLength: number }) {
  const t = useT();
  return (
    <div data-testid="my-account-screen" className="mx-auto w-full max-w-xl space-y-4">
      <div className="space-y-1">
        <h1 className="text-2xl font-bold">{t("staff.meTitle")}</h1>
        <p className="text-ink-muted">{t("staff.meIntro", { username })}</p>
      </div>
      <OwnSecretForm kind="pin" minPasswordLength={minPasswordLength} />
      <OwnSecretForm kind="password" minPasswordLength={minPasswordLength} />
    </div>
  );
}
