/**
 * The audit CSV (GET /api/audit/export.csv): one row per audit event, headers and action words in
 * the person's language, times in merchant time and UTC, the detail as its JSON. Pure.
 */
import { translate } from "@/lib/i18n/translate";
import type { Locale } from "@/lib/i18n/locales";
import { formatMerchantDateTime } from "@/lib/qfpay/time";
import { toCsv, type CsvCell } from "./csv";
import { auditActionLabel, AUDIT_OUTCOME_LABEL } from "./labels";
import type { AuditEventView } from "@/lib/contract/audit";
import "@/lib/i18n/catalog/audit";

/** Enough for years of a shop's sign-ins; a bigger export is a database job, not a download. */
export const AUDIT_EXPORT_MAX_ROWS = 50_000;

export function auditCsv(events: readonly AuditEventView[], locale: Locale, timeZone: string): string {
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string>) => translate(locale, key, params);
  const header = [
    t("audit.csvId"),
    t("audit.csvTime", { timeZone }),
    t("audit.csvTimeUtc"),
    t("audit.csvAction"),
    t("audit.csvActionWords"),
    t("audit.csvOutcome"),
    t("audit.csvActor"),
    t("audit.csvApprover"),
    t("audit.csvSubject"),
    t("audit.csvDevice"),
    t("audit.csvAddress"),
    t("audit.csvDetail"),
  ];
  const rows = events.map((e): CsvCell[] => [
    e.id,
    formatMerchantDateTime(new Date(e.at), timeZone),
    e.at,
    e.action,
    auditActionLabel(e.action, t),
    t(AUDIT_OUTCOME_LABEL[e.outcome] ?? "audit.outcomeOk"),
    e.actor,
    e.approver,
    e.subject,
    e.deviceId,
    e.address,
    e.detail ? JSON.stringify(e.detail) : null,
  ]);
  return toCsv(header, rows);
}
