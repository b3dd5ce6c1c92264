/**
 * Merchant wall-clock time for QFPay fields (`txdtm`, `start_time`, `end_time`, `sysdtm`).
 * QFPay reads and writes these as local time of the merchant's region without a zone
 * (docs/qfpay.md §3 "txdtm time zone", §4 "start_time/end_time"); ScanTill's region is `POS_TIME_ZONE`
 * (Asia/Hong_Kong by default). Pure: no `server-only`, so the reconciliation CLI and the tests
 * use the same functions.
 */

export const DEFAULT_TIME_ZONE = "Asia/Hong_Kong";

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

type WallClock = { year: number; month: number; day: number; hour: number; minute: number; second: number };

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when `timeZone` is an IANA zone this runtime knows. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall clock in `timeZone` at `date`. */
export function wallClock(date: Date, timeZone: string = DEFAULT_TIME_ZONE): WallClock {
  if (!Number.isFinite(date.getTime())) throw new RangeError("invalid Date");
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(date)) {
    if (p.type !== "literal") parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour! % 24,
    minute: parts.minute!,
    second: parts.second!,
  };
}

/** `YYYY-MM-DD hh:mm:ss`, 24 h, merchant time (docs/qfpay.md §3, §13.10). */
export function formatMerchantDateTime(date: Date, timeZone: string = DEFAULT_TIME_ZONE): string {
  const c = wallClock(date, timeZone);
  return `${pad(c.year, 4)}-${pad(c.month)}-${pad(c.day)} ${pad(c.hour)}:${pad(c.minute)}:${pad(c.second)}`;
}

/** `YYYY-MM-DD`: the merchant's business day of `date`. */
export function merchantDate(date: Date, timeZone: string = DEFAULT_TIME_ZONE): string {
  return formatMerchantDateTime(date, timeZone).slice(0, 10);
}

/** Months since year 0 of the merchant's calendar month containing `date`; comparable with `<`. */
export function merchantMonthIndex(date: Date, timeZone: string = DEFAULT_TIME_ZONE): number {
  const c = wallClock(date, timeZone);
  return c.year * 12 + (c.month - 1);
}

/** First and last second of a calendar month, as QFPay's `start_time`/`end_time` (§4). */
export function monthRange(monthIndex: number): { start: string; end: string } {
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const ym = `${pad(year, 4)}-${pad(month + 1)}`;
  return { start: `${ym}-01 00:00:00`, end: `${ym}-${pad(lastDay)} 23:59:59` };
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME_PATTERN = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/** True for a real calendar date written `YYYY-MM-DD`. */
export function isCalendarDate(text: string): boolean {
  const m = DATE_PATTERN.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** A business day as QFPay's `start_time`/`end_time` (one day always lies inside one month, §4). */
export function dayRange(date: string): { start: string; end: string } {
  if (!isCalendarDate(date)) throw new RangeError(`not a date: ${date}`);
  return { start: `${date} 00:00:00`, end: `${date} 23:59:59` };
}

/**
 * The instant a merchant wall-clock time `YYYY-MM-DD hh:mm:ss` names, or null when unreadable.
 * Found by correcting a UTC guess with the zone's offset (twice, for a DST edge).
 */
export function parseMerchantDateTime(text: string, timeZone: string = DEFAULT_TIME_ZONE): Date | null {
  const m = DATE_TIME_PATTERN.exec(text.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const target = Date.UTC(y, mo - 1, d, h, mi, s);
  if (!Number.isFinite(target) || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  let guess = target;
  for (let i = 0; i < 2; i++) {
    const c = wallClock(new Date(guess), timeZone);
    const seen = Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute, c.second);
    guess += target - seen;
  }
  return new Date(guess);
}

/** The instants at which the merchant's day `date` starts and ends (end exclusive). */
export function merchantDayBounds(date: string, timeZone: string = DEFAULT_TIME_ZONE): { from: Date; to: Date } {
  const { start } = dayRange(date);
  const from = parseMerchantDateTime(start, timeZone)!;
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const next = new Date(Date.UTC(y, m - 1, d + 1));
  const nextText = `${pad(next.getUTCFullYear(), 4)}-${pad(next.getUTCMonth() + 1)}-${pad(next.getUTCDate())} 00:00:00`;
  return { from, to: parseMerchantDateTime(nextText, timeZone)! };
}
