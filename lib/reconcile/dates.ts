/**
 * Business days for the reconciliation: which day a date names, whether it may be reconciled, and
 * which day the daily run is due for. Pure (no I/O, no `server-only`): the CLI, the schedule, the
 * Reconcile page and the tests share it. Days are the merchant's (`POS_TIME_ZONE`): QFPay's times
 * are its region's wall clock and `sysdtm` is its settlement cut-off (docs/qfpay.md §3, §4).
 */
import { formatMerchantDateTime, isCalendarDate, merchantDate } from "@/lib/qfpay/time";

/** QFPay started after this; an older date is a typing mistake, not a day to ask QFPay about. */
export const EARLIEST_DATE = "2000-01-01";

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** The calendar day `days` after `date` (`YYYY-MM-DD`), negative for before. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

/** Why `date` cannot be reconciled (a sentence for the person who typed it), or null when it can. */
export function dateProblem(date: unknown, now: Date, timeZone: string): string | null {
  if (typeof date !== "string" || date === "") return "give the day as date=YYYY-MM-DD";
  if (!isCalendarDate(date))
    return `"${date.slice(0, 40)}" is not a date: use YYYY-MM-DD, e.g. ${addDays(merchantDate(now, timeZone), -1)}`;
  if (date < EARLIEST_DATE) return `${date} is too long ago: QFPay has no records before ${EARLIEST_DATE}`;
  // Today may be reconciled (the day so far); a day that has not started has nothing to compare.
  if (date > merchantDate(now, timeZone))
    return `${date} has not happened yet (today is ${merchantDate(now, timeZone)} in ${timeZone})`;
  return null;
}

/** Yesterday in merchant time: the day a manager most often reconciles. */
export function yesterday(now: Date, timeZone: string): string {
  return addDays(merchantDate(now, timeZone), -1);
}

/**
 * The business day the daily run is due for at `now`: the day before, once the merchant's clock
 * reads `at` ("HH:MM") or later; null before then or when `at` is "off".
 */
export function dueAutoDate(now: Date, at: string, timeZone: string): string | null {
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(at)) return null;
  const wall = formatMerchantDateTime(now, timeZone);
  if (wall.slice(11, 16) < at) return null;
  return addDays(wall.slice(0, 10), -1);
}

/** The unique claim key of the daily run for `date` (`reconciliations.auto_key`). */
export function autoKey(date: string): string {
  return `auto:${date}`;
}
