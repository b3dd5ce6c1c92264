import { useMemo } from "react";
import { useI18n } from "@/components/i18n/i18n-provider";

/**
 * Date and time in the merchant's time zone (POS_TIME_ZONE), not the browser's: an audit trail
 * read on a phone set to another zone must still say when things happened at the shop.
 */
export function useZonedDateTime(timeZone: string): (iso: string) => string {
  const { formatLocale } = useI18n();
  return useMemo(() => {
    const format = new Intl.DateTimeFormat(formatLocale, {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    });
    return (iso: string) => format.format(new Date(iso));
  }, [formatLocale, timeZone]);
}
