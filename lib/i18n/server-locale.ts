import "server-only";
import { cookies, headers } from "next/headers";
import { DEFAULT_LOCALE, LOCALE_COOKIE, isLocale, type Locale } from "./locales";

/** The cashier's chosen locale (cookie), else the browser's preference, else English. */
export async function getRequestLocale(): Promise<Locale> {
  const fromCookie = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(fromCookie)) return fromCookie;
  const accept = (await headers()).get("accept-language") ?? "";
  return /^zh\b|,\s*zh\b/i.test(accept) && !/zh-cn|zh-hans/i.test(accept) ? "zh-HK" : DEFAULT_LOCALE;
}
