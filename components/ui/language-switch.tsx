"use client";

import { useRouter } from "next/navigation";
import { useI18n } from "@/components/i18n/i18n-provider";
import type { Locale } from "@/lib/i18n/locales";
import "@/lib/i18n/catalog/common";

const OTHER: Record<Locale, Locale> = { en: "zh-HK", "zh-HK": "en" };

/** EN ⇄ 中文. Client text changes at once; the refresh re-renders server components in the new language. */
export function LanguageSwitch({ className = "" }: { className?: string }) {
  const { locale, setLocale, t } = useI18n();
  const router = useRouter();
  const next = OTHER[locale];
  return (
    <button
      type="button"
      data-testid="language-switch"
      title={t("common.language")}
      onClick={() => {
        setLocale(next);
        router.refresh();
      }}
      className={`min-h-touch min-w-touch rounded-xl border-2 border-slate-300 bg-white px-3 font-semibold text-ink hover:bg-slate-100 focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-brand ${className}`}
    >
      <span lang={next}>{t("common.switchToOther")}</span>
      <span className="sr-only"> ({t("common.language")})</span>
    </button>
  );
}
