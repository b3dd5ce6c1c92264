/**
 * Hong Kong wall-clock time for QFPay fields (`txdtm`, `start_time`, `end_time`).
 * Hong Kong has had no daylight saving since 1979, so UTC+8 is a fixed offset.
 */
import "server-only";

const HK_OFFSET_MS = 8 * 60 * 60 * 1000;

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** The same instant read on a Hong Kong clock, via the UTC getters of a shifted Date. */
function hkClock(date: Date): Date {
  if (!Number.isFinite(date.getTime())) throw new RangeError("invalid Date");
  return new Date(date.getTime() + HK_OFFSET_MS);
}

/** `YYYY-MM-DD hh:mm:ss`, 24 h, Hong Kong time (API-FACTS §3 "txdtm time zone", §13.10). */
export function formatHkDateTime(date: Date): string {
  const d = hkClock(date);
  return (
    `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
  );
}

/** Months since year 0 of the Hong Kong calendar month containing `date`; comparable with `<`. */
export function hkMonthIndex(date: Date): number {
  const d = hkClock(date);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

/** First and last second of a Hong Kong calendar month, as QFPay's `start_time`/`end_time` (§4). */
export function hkMonthRange(monthIndex: number): { start: string; end: string } {
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const ym = `${pad(year, 4)}-${pad(month + 1)}`;
  return { start: `${ym}-01 00:00:00`, end: `${ym}-${pad(lastDay)} 23:59:59` };
}
