import type { ReactNode } from "react";
import { useT } from "@/components/i18n/i18n-provider";
import { useZonedDateTime } from "@/components/ui/use-zoned-date-time";
import { auditActionLabel, AUDIT_OUTCOME_LABEL } from "@/lib/audit/labels";
import type { AuditEventView } from "@/lib/contract/audit";
import { describeDetail } from "./audit-detail";
import "@/lib/i18n/catalog/audit";
import "@/lib/i18n/catalog/common";

/** A cell that is a table cell on a tablet and a "label: value" line on a phone. */
function Cell({ label, children, className = "" }: { label: string; children: ReactNode; className?: string }) {
  return (
    <td className={`align-top max-md:flex max-md:gap-2 max-md:py-0.5 md:px-3 md:py-2 ${className}`}>
      <span className="font-semibold text-ink-muted md:hidden">{label}:</span>
      <span className="min-w-0 break-words">{children}</span>
    </td>
  );
}

/** Who did what when: one row per audit event, times in the merchant's time zone. */
export function AuditTable({ events, timeZone }: { events: AuditEventView[]; timeZone: string }) {
  const t = useT();
  const when = useZonedDateTime(timeZone);
  const none = t("common.none");
  const headers = [
    t("audit.colTime"),
    t("audit.colAction"),
    t("audit.colActor"),
    t("audit.colApprover"),
    t("audit.colSubject"),
    t("audit.colOutcome"),
    t("audit.colAddress"),
    t("audit.colDetail"),
  ];
  return (
    <table data-testid="audit-table" className="w-full text-left md:text-sm">
      <thead className="max-md:sr-only">
        <tr className="border-b-2 border-slate-300">
          {headers.map((h) => (
            <th key={h} scope="col" className="px-3 py-2 font-semibold">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {events.map((e) => (
          <tr
            key={e.id}
            data-testid="audit-row"
            data-action={e.action}
            data-outcome={e.outcome}
            data-actor={e.actor ?? ""}
            data-subject={e.subject ?? ""}
            className="border-b border-slate-200 max-md:block max-md:py-2"
          >
            <Cell label={headers[0]!} className="tabular-nums whitespace-nowrap">
              {when(e.at)}
            </Cell>
            <Cell label={headers[1]!} className="font-semibold">
              {auditActionLabel(e.action, t)}
            </Cell>
            <Cell label={headers[2]!}>{e.actor ?? t("audit.systemActor")}</Cell>
            <Cell label={headers[3]!}>{e.approver ?? none}</Cell>
            <Cell label={headers[4]!}>{e.subject ?? none}</Cell>
            <Cell label={headers[5]!}>
              <span className={e.outcome === "refused" ? "font-semibold text-failed" : "text-paid"}>
                {t(AUDIT_OUTCOME_LABEL[e.outcome] ?? "audit.outcomeOk")}
              </span>
            </Cell>
            <Cell label={headers[6]!} className="tabular-nums">
              {e.address ?? none}
            </Cell>
            <Cell label={headers[7]!}>{describeDetail(e, t).join(" · ") || none}</Cell>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
