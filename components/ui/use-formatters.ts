import { useMemo } from "react";
import { useI18n } from "@/components/i18n/i18n-provider";
import { formatMoney, isSupportedCurrency } from "@/lib/money";

/** Money, time and date formatting in the cashier's language. */
export function useFormatters() {
  const { formatLocale } = useI18n();
  return useMemo(() => {
    const time = new Intl.DateTimeFormat(formatLocale, { hour: "2-digit", minute: "2-digit", second: "2-digit" });
    const dateTime = new Intl.DateTimeFormat(formatLocale, { dateStyle: "medium", timeStyle: "medium" });
    return {
      money: (amount: number, currency: string) =>
        isSupportedCurrency(currency) ? formatMoney(amount, currency, formatLocale) : `${currency} ${amount}`,
      time: (iso: string) => time.format(new Date(iso)),
      dateTime: (iso: string) => dateTime.format(new Date(iso)),
    };
  }, [formatLocale]);
}
