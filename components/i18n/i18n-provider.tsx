"use client";
/**
 * Gives client components `useT()` and the locale switch. The choice is kept in a cookie so the
 * next server render uses it too.
 */
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import { FORMAT_LOCALE, LOCALE_COOKIE, type Locale } from "@/lib/i18n/locales";
import type { MessageKey } from "@/lib/i18n/messages";
import { translate, type MessageParams } from "@/lib/i18n/translate";

type I18nValue = {
  locale: Locale;
  /** BCP 47 tag for Intl formatting ("en-HK" | "zh-HK"). */
  formatLocale: string;
  setLocale: (locale: Locale) => void;
  t: (key: MessageKey, params?: MessageParams) => string;
};

const I18nContext = createContext<I18nValue | null>(null);

export function I18nProvider({ initialLocale, children }: { initialLocale: Locale; children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const setLocale = useCallback((next: Locale) => {
    document.cookie = `${LOCALE_COOKIE}=${next}; path=/; max-age=31536000; samesite=lax`;
    document.documentElement.lang = next;
    setLocaleState(next);
  }, []);
  const value = useMemo<I18nValue>(
    () => ({
      locale,
      formatLocale: FORMAT_LOCALE[locale],
      setLocale,
      t: (key, params) => translate(locale, key, params),
    }),
    [locale, setLocale],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error("useI18n must be used inside <I18nProvider>");
  return value;
}

/** Shorthand for the translate function. */
export function useT(): I18nValue["t"] {
  return useI18n().t;
}
