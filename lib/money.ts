/**
 * Money is an integer in minor units from the keypad to QFPay's `txamt` (docs/qfpay.md §3, §11).
 * Owns: the currency exponent table, amount limits, and format/parse at the edges. Never: floats
 * in arithmetic on amounts.
 */

/**
 * ISO 4217 exponents for the currencies QFPay lists. QFPay says only "cents"; how it treats
 * zero-decimal currencies (JPY) is UNKNOWN (docs/qfpay.md §11), so we follow ISO and say so in the README.
 */
const CURRENCY_EXPONENT: Readonly<Record<string, number>> = {
  HKD: 2,
  AED: 2,
  CNY: 2,
  EUR: 2,
  IDR: 2,
  JPY: 0,
  MMK: 2,
  MYR: 2,
  SGD: 2,
  THB: 2,
  USD: 2,
  CAD: 2,
  AUD: 2,
};

/** QFPay's `txamt` is Int(11); a till never needs that much, so we cap well below it. */
export const MAX_AMOUNT_MINOR = 99_999_999;

export function isSupportedCurrency(code: string): boolean {
  return Object.hasOwn(CURRENCY_EXPONENT, code);
}

export function currencyExponent(code: string): number {
  const exp = CURRENCY_EXPONENT[code];
  if (exp === undefined) throw new RangeError(`unsupported currency ${code}`);
  return exp;
}

/** True for a whole number of minor units in (0, MAX_AMOUNT_MINOR]. */
export function isValidAmount(amount: unknown): amount is number {
  return typeof amount === "number" && Number.isSafeInteger(amount) && amount > 0 && amount <= MAX_AMOUNT_MINOR;
}

/** "12.50" for 1250 HKD; "1250" for 1250 JPY. No grouping: for receipts and inputs. */
export function minorToDecimalString(amount: number, currency: string): string {
  const exp = currencyExponent(currency);
  if (exp === 0) return String(amount);
  const sign = amount < 0 ? "-" : "";
  const abs = Math.abs(amount);
  const unit = 10 ** exp;
  return `${sign}${Math.trunc(abs / unit)}.${String(abs % unit).padStart(exp, "0")}`;
}

/**
 * One formatter per locale and currency: building an Intl.NumberFormat costs far more than using
 * one, and the sale screen formats the amount on every key (docs/first-load.md).
 */
const moneyFormats = new Map<string, Intl.NumberFormat>();

/** Localised display, e.g. "HK$12.50". */
export function formatMoney(amount: number, currency: string, locale = "en-HK"): string {
  const exp = currencyExponent(currency);
  const key = `${locale} ${currency}`;
  let format = moneyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, {
      style: "currency",
      currency,
      minimumFractionDigits: exp,
      maximumFractionDigits: exp,
    });
    moneyFormats.set(key, format);
  }
  return format.format(amount / 10 ** exp);
}

/**
 * Parses a decimal string typed by a person ("12.5", "12.50", "12") into minor units, without
 * floating point. Returns null for anything that is not a plain non-negative decimal within the
 * currency's precision.
 */
export function parseDecimalToMinor(text: string, currency: string): number | null {
  const exp = currencyExponent(currency);
  const match = /^(\d{1,12})(?:\.(\d*))?$/.exec(text.trim());
  if (!match) return null;
  const whole = match[1] ?? "0";
  const frac = match[2] ?? "";
  if (frac.length > exp) return null;
  const minor = Number(whole) * 10 ** exp + Number(frac.padEnd(exp, "0") || "0");
  return Number.isSafeInteger(minor) ? minor : null;
}
