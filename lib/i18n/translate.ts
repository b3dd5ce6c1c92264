import type { Locale } from "./locales";
import { lookupMessage, type MessageKey } from "./messages";

export type MessageParams = Record<string, string | number>;

/** Looks up `key` in `locale` (falling back to English) and fills `{name}` placeholders. */
export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
  const text = lookupMessage(locale, key) ?? lookupMessage("en", key) ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
