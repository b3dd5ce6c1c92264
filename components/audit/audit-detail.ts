import { ROLE_LABEL } from "@/components/shell/role-label";
import { AUDIT_REASON_LABEL } from "@/lib/audit/labels";
import type { AuditEventView } from "@/lib/contract/audit";
import { isRole } from "@/lib/auth/roles";
import type { MessageKey } from "@/lib/i18n/messages";
import "@/lib/i18n/catalog/audit";

type T = (key: MessageKey, params?: Record<string, string | number>) => string;

/**
 * An audit row's detail in words: the reason of a refusal, a role change, a PIN set or removed.
 * Facts this version has no words for are shown as `key: value`, never dropped.
 */
export function describeDetail(event: AuditEventView, t: T): string[] {
  const detail = event.detail;
  if (!detail) return [];
  const role = (value: unknown) => (isRole(value) ? t(ROLE_LABEL[value]) : String(value));
  const out: string[] = [];
  const rest: string[] = [];
  for (const [key, value] of Object.entries(detail)) {
    if (key === "reason" && typeof value === "string")
      out.push(AUDIT_REASON_LABEL[value] ? t(AUDIT_REASON_LABEL[value]) : value);
    else if (key === "from" && "to" in detail)
      out.push(t("audit.detailRoleChange", { from: role(value), to: role(detail.to) }));
    else if (key === "to" && "from" in detail) continue;
    else if (key === "to" || (key === "role" && event.action === "staff_add"))
      out.push(t("audit.detailRole", { role: role(value) }));
    else if (key === "pin" && value === true) out.push(t("audit.detailWithPin"));
    else if (key === "pin" && value === false) continue;
    else if (key === "pin" && value === "set") out.push(t("audit.detailPinSet"));
    else if (key === "pin" && value === "cleared") out.push(t("audit.detailPinCleared"));
    else if (key === "self" && value === true) out.push(t("audit.detailSelf"));
    else rest.push(`${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`);
  }
  return [...out, ...rest];
}
