"use client";

import { useEffect } from "react";
import { useI18n } from "@/components/i18n/i18n-provider";
import { buttonClasses } from "@/components/ui/button";
import { LOCALE_COOKIE, isLocale } from "@/lib/i18n/locales";
import "@/lib/i18n/catalog/common";
import "@/lib/i18n/catalog/offline";

function cookieLocale(): string | undefined {
  return document.cookie
    .split("; ")
    .find((c) => c.startsWith(`${LOCALE_COOKIE}=`))
    ?.slice(LOCALE_COOKIE.length + 1);
}

export function OfflineScreen() {
  const { locale, setLocale, t } = useI18n();
  useEffect(() => {
    // The copy was rendered when the worker installed; the cashier may have switched since.
    const chosen = cookieLocale();
    if (isLocale(chosen) && chosen !== locale) setLocale(chosen);
  }, [locale, setLocale]);
  return (
    <main
      data-testid="offline-page"
      className="mx-auto flex min-h-dvh w-full max-w-md flex-col justify-center gap-5 px-6 py-10"
    >
      <p className="text-lg font-bold text-brand">{t("common.appName")}</p>
      <h1 className="text-2xl font-bold text-ink">{t("offline.title")}</h1>
      <p data-testid="offline-message" className="text-lg text-ink">
        {t("offline.body")}
      </p>
      <p className="text-ink-muted">{t("offline.hint")}</p>
      <div className="flex flex-wrap gap-3">
        <a href="/sale" data-testid="offline-open-till" className={buttonClasses("primary")}>
          {t("offline.openTill")}
        </a>
        <button type="button" onClick={() => location.reload()} className={buttonClasses("secondary")}>
          {t("offline.retry")}
        </button>
      </div>
    </main>
  );
}
