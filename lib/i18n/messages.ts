/**
 * All catalogs, merged into flat keys "namespace.key". Each feature owns one file under
 * `catalog/`; add a namespace here when you add a file.
 */
import type { Locale } from "./locales";
import type { NamespaceCatalog } from "./define-catalog";
import { audit } from "./catalog/audit";
import { approval } from "./catalog/approval";
import { auth } from "./catalog/auth";
import { common } from "./catalog/common";
import { outbox } from "./catalog/outbox";
import { offline } from "./catalog/offline";
import { payments } from "./catalog/payments";
import { reconcile } from "./catalog/reconcile";
import { refunds } from "./catalog/refunds";
import { sale } from "./catalog/sale";
import { scan } from "./catalog/scan";
import { till } from "./catalog/till";
import { staff } from "./catalog/staff";

const namespaces = {
  common,
  auth,
  sale,
  scan,
  payments,
  refunds,
  offline,
  outbox,
  reconcile,
  till,
  staff,
  audit,
  approval,
} satisfies Record<string, NamespaceCatalog<string>>;

type Namespaces = typeof namespaces;
export type MessageKey = {
  [N in keyof Namespaces & string]: `${N}.${keyof Namespaces[N]["en"] & string}`;
}[keyof Namespaces & string];

function flatten(locale: Locale): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [ns, catalog] of Object.entries(namespaces)) {
    for (const [key, text] of Object.entries(catalog[locale])) out[`${ns}.${key}`] = text;
  }
  return out;
}

export const MESSAGES: Record<Locale, Record<string, string>> = { en: flatten("en"), "zh-HK": flatten("zh-HK") };
