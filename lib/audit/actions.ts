/**
 * What the audit trail records (issue 9). Pure: the audit screen and its filter use the same list.
 * One name per thing a person did; the outcome ("ok" | "refused") says whether it happened.
 */
export const AUDIT_ACTIONS = [
  "sign_in",
  "sign_in_pin",
  "sign_out",
  "lock",
  "session_ended",
  "approval",
  "payment_cancel",
  "refund",
  "attention_keep",
  "attention_refund",
  "staff_add",
  "staff_role",
  "staff_password",
  "staff_pin",
  "staff_disable",
  "staff_enable",
  "staff_revoke",
  "reconcile_run",
  "demo_account_disabled",
  "catalogue_item_add",
  "catalogue_item_change",
  "catalogue_category_add",
  "catalogue_category_change",
  "catalogue_import",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export function isAuditAction(value: unknown): value is AuditAction {
  return typeof value === "string" && (AUDIT_ACTIONS as readonly string[]).includes(value);
}

export const AUDIT_OUTCOMES = ["ok", "refused"] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];
