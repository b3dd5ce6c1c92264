/**
 * Words for the audit trail's codes, in the catalogs (lib/i18n/catalog/audit.ts). Pure: the Audit
 * screen and the CSV export use the same words. A new action in lib/audit/actions.ts does not
 * type-check until it has its words here.
 */
import type { MessageKey } from "@/lib/i18n/messages";
import { isAuditAction, type AuditAction, type AuditOutcome } from "./actions";
import "@/lib/i18n/catalog/audit";

const AUDIT_ACTION_LABEL: Record<AuditAction, MessageKey> = {
  sign_in: "audit.actionSignIn",
  sign_in_pin: "audit.actionSignInPin",
  sign_out: "audit.actionSignOut",
  lock: "audit.actionLock",
  session_ended: "audit.actionSessionEnded",
  approval: "audit.actionApproval",
  payment_cancel: "audit.actionPaymentCancel",
  refund: "audit.actionRefund",
  attention_keep: "audit.actionAttentionKeep",
  attention_refund: "audit.actionAttentionRefund",
  staff_add: "audit.actionStaffAdd",
  staff_role: "audit.actionStaffRole",
  staff_password: "audit.actionStaffPassword",
  staff_pin: "audit.actionStaffPin",
  staff_disable: "audit.actionStaffDisable",
  staff_enable: "audit.actionStaffEnable",
  staff_revoke: "audit.actionStaffRevoke",
  reconcile_run: "audit.actionReconcileRun",
  demo_account_disabled: "audit.actionDemoAccountDisabled",
  catalogue_item_add: "audit.actionCatalogueItemAdd",
  catalogue_item_change: "audit.actionCatalogueItemChange",
  catalogue_category_add: "audit.actionCatalogueCategoryAdd",
  catalogue_category_change: "audit.actionCatalogueCategoryChange",
  catalogue_import: "audit.actionCatalogueImport",
};

export const AUDIT_OUTCOME_LABEL: Record<AuditOutcome, MessageKey> = {
  ok: "audit.outcomeOk",
  refused: "audit.outcomeRefused",
};

/** `detail.reason` values written today (lib/auth/options.ts, staff-admin.ts, demo-guard.ts). */
export const AUDIT_REASON_LABEL: Readonly<Record<string, MessageKey>> = {
  wrong_credentials: "audit.reasonWrongCredentials",
  wrong_pin: "audit.reasonWrongPin",
  wrong_password: "audit.reasonWrongPassword",
  throttled: "audit.reasonThrottled",
  not_enrolled: "audit.reasonNotEnrolled",
  forbidden: "audit.reasonForbidden",
  self: "audit.reasonSelf",
  last_owner: "audit.reasonLastOwner",
  made_by_demo_mode: "audit.reasonMadeByDemoMode",
  demo_password: "audit.reasonDemoPassword",
};

/** The words for an action code, or the code itself for one this version does not know. */
export function auditActionLabel(action: string, t: (key: MessageKey) => string): string {
  return isAuditAction(action) ? t(AUDIT_ACTION_LABEL[action]) : action;
}
