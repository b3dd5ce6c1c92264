import { useMemo } from "react";
import { useI18n } from "@/components/i18n/i18n-provider";
import { formatMoney, isSupportedCurrency } from "@/lib/money";

/**
 * The date formats of each locale, built the first time a screen formats a date: an
 * Intl.DateTimeFormat is slow to build, and the sale screen's keypad shows none
 * (docs/first-load.md).
 */
const dateFormats = new Map<string, { time: Intl.DateTimeFormat; dateTime: Intl.DateTimeFormat }>();

function dateFormatsFor(locale: string) {
  let formats = dateFormats.get(locale);
  if (!formats) {
    formats = {
      time: new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit", second: "2-digit" }),
      dateTime: new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "medium" }),
    };
    dateFormats.set(locale, formats);
  }
  return formats;
}

/** Money, time and date formatting in the cashier's language. */
export function useFormatters() {
  const { formatLocale } = useI18n();
  return useMemo(
    () => ({
      money: (amount: number, currency: string) =>
        isSupportedCurrency(currency) ? formatMoney(amount, currency, formatLocale) : `${currency} ${amount}`,
      time: (iso: string) => dateFormatsFor(formatLocale).time.format(new Date(iso)),
      dateTime: (iso: string) => dateFormatsFor(formatLocale).dateTime.format(new Date(iso)),
    }),
    [formatLocale],
  );
}
