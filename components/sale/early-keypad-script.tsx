import "server-only";
import { headers } from "next/headers";
import { FORMAT_LOCALE, type Locale } from "@/lib/i18n/locales";
import { translate } from "@/lib/i18n/translate";
import { MAX_AMOUNT_MINOR, currencyExponent } from "@/lib/money";
import { earlyKeypad, type EarlyKeypadConfig } from "./early-keypad";
import "@/lib/i18n/catalog/sale";

/**
 * The inline script that keys the amount before the app has hydrated (early-keypad.ts,
 * docs/first-load.md §"Before hydration"). It carries this request's CSP nonce (proxy.ts); the page's
 * policy allows no other inline script.
 */
export async function EarlyKeypadScript({ locale, currency }: { locale: Locale; currency: string }) {
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  const config: EarlyKeypadConfig = {
    max: MAX_AMOUNT_MINOR,
    locale: FORMAT_LOCALE[locale],
    currency,
    exponent: currencyExponent(currency),
    emptyText: translate(locale, "sale.enterAmount"),
    chargeTemplate: translate(locale, "sale.charge", { amount: "{amount}" }),
  };
  // `<` escaped so that no text in the config can close the script element.
  const source = `(${earlyKeypad.toString()})(${JSON.stringify(config).replace(/</g, "\\u003c")})`;
  // The browser hides a script's nonce once it has checked it, so the attribute never matches on hydration.
  return <script nonce={nonce} suppressHydrationWarning dangerouslySetInnerHTML={{ __html: source }} />;
}
