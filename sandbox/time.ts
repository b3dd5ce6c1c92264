/**
 * QFPay's clock: every `*dtm` field is `YYYY-MM-DD hh:mm:ss` in Hong Kong time (UTC+8, no daylight
 * saving), and a syssn starts with the HK calendar date (docs/qfpay.md §3 response table, §14).
 */

const HK_OFFSET_MS = 8 * 60 * 60 * 1000;
const DATETIME_RE = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/** `YYYY-MM-DD hh:mm:ss` in HK time for an epoch-ms instant. */
export function hkDateTime(ms: number): string {
  return new Date(ms + HK_OFFSET_MS).toISOString().slice(0, 19).replace("T", " ");
}

/** `YYYYMMDD` in HK time: the first eight digits of a syssn (docs/qfpay.md §3). */
export function hkDate8(ms: number): string {
  return hkDateTime(ms).slice(0, 10).replaceAll("-", "");
}

/**
 * Parses `YYYY-MM-DD hh:mm:ss` as HK time; null when the text is not in that exact shape or names a
 * day/time that does not exist (e.g. 2025-02-30), so a malformed `txdtm` is a 1104, not a surprise.
 */
export function parseHkDateTime(text: string): number | null {
  const m = DATETIME_RE.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const utc = Date.UTC(year, month - 1, day, hour, minute, second);
  // Date.UTC rolls invalid parts over (Feb 30 -> Mar 2); a round trip catches that.
  if (hkDateTime(utc - HK_OFFSET_MS) !== text) return null;
  return utc - HK_OFFSET_MS;
}

/** First and last second of the HK calendar month containing `ms`, as epoch ms. */
export function hkMonthBounds(ms: number): { start: number; end: number } {
  const hk = new Date(ms + HK_OFFSET_MS);
  const start = Date.UTC(hk.getUTCFullYear(), hk.getUTCMonth(), 1) - HK_OFFSET_MS;
  const next = Date.UTC(hk.getUTCFullYear(), hk.getUTCMonth() + 1, 1) - HK_OFFSET_MS;
  return { start, end: next - 1000 };
}
