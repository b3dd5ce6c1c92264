/**
 * The text `t()` can show, merged into flat keys "namespace.key", per locale. Each feature owns its
 * catalog parts under `catalog/` (define-catalog.ts); a part adds its text here when its module
 * runs, so text travels with the code that shows it and a lazily loaded screen brings its own
 * (docs/first-load.md). Add a part to `Part` below when you add a file: that is what makes its keys
 * `MessageKey`s.
 */
import type { Locale } from "./locales";
import type { NamespaceCatalog } from "./define-catalog";
import type { approval } from "./catalog/approval";
import type { attentionCount } from "./catalog/attention-count";
import type { audit } from "./catalog/audit";
import type { auth } from "./catalog/auth";
import type { catalogue } from "./catalog/catalogue";
import type { authSignIn } from "./catalog/auth-sign-in";
import type { common } from "./catalog/common";
import type { errors } from "./catalog/errors";
import type { notFound } from "./catalog/not-found";
import type { offline } from "./catalog/offline";
import type { outbox } from "./catalog/outbox";
import type { outboxSignOut } from "./catalog/outbox-sign-out";
import type { outboxStatus } from "./catalog/outbox-status";
import type { payments } from "./catalog/payments";
import type { reconcile } from "./catalog/reconcile";
import type { refunds } from "./catalog/refunds";
import type { sale } from "./catalog/sale";
import type { saleSteps } from "./catalog/sale-steps";
import type { scan } from "./catalog/scan";
import type { scanReads } from "./catalog/scan-reads";
import type { staff } from "./catalog/staff";
import type { till } from "./catalog/till";
import type { tillLock } from "./catalog/till-lock";

type Part =
  | typeof approval
  | typeof attentionCount
  | typeof audit
  | typeof auth
  | typeof authSignIn
  | typeof catalogue
  | typeof common
  | typeof errors
  | typeof notFound
  | typeof offline
  | typeof outbox
  | typeof outboxSignOut
  | typeof outboxStatus
  | typeof payments
  | typeof reconcile
  | typeof refunds
  | typeof sale
  | typeof saleSteps
  | typeof scan
  | typeof scanReads
  | typeof staff
  | typeof till
  | typeof tillLock;

type KeysOf<P> = P extends NamespaceCatalog<infer N, infer K> ? `${N}.${K}` : never;
export type MessageKey = KeysOf<Part>;

const MESSAGES: Record<Locale, Record<string, string>> = { en: {}, "zh-HK": {} };

export function registerCatalog(catalog: NamespaceCatalog<string, string>): void {
  for (const locale of ["en", "zh-HK"] as const) {
    for (const [key, text] of Object.entries(catalog[locale])) MESSAGES[locale][`${catalog.namespace}.${key}`] = text;
  }
}

/** The text of `key` in `locale`, if its catalog part has been loaded. */
export function lookupMessage(locale: Locale, key: string): string | undefined {
  return MESSAGES[locale][key];
}
