/** The languages the cashier can switch between. */
export const LOCALES = ["en", "zh-HK"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";
/** Cookie that carries the cashier's choice, so server-rendered pages match the client. */
export const LOCALE_COOKIE = "scantill-locale";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** The BCP 47 tag used for number, money and date formatting in each locale. */
export const FORMAT_LOCALE: Record<Locale, string> = { en: "en-HK", "zh-HK": "zh-HK" };
