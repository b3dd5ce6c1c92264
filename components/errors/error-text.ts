/**
 * Our server's refusal in the cashier's words: the reason's sentence from the `errors` catalog
 * part with its facts (lib/contract/errors.ts), or, for an answer without a known reason (an older
 * server, a proxy's error page), what its kind means. The server's English `message` is never shown.
 */
import { useCallback } from "react";
import { useT } from "@/components/i18n/i18n-provider";
import { useFormatters } from "@/components/ui/use-formatters";
import type { ApiErrorDetail } from "@/lib/contract/error-body";
import { isErrorReason, type ErrorReason } from "@/lib/contract/errors";
import type { MessageKey } from "@/lib/i18n/messages";
import "@/lib/i18n/catalog/errors";

const REASON_TEXT: Record<ErrorReason, MessageKey> = {
  invalid_json: "errors.invalidJson",
  invalid_field: "errors.invalidField",
  bad_percent_encoding: "errors.badPercentEncoding",
  wrong_media_type: "errors.wrongMediaType",
  body_too_large: "errors.bodyTooLarge",
  method_not_allowed: "errors.methodNotAllowed",
  bad_callback_url: "errors.badCallbackUrl",
  sign_in_first: "errors.signInFirst",
  cross_site: "errors.crossSite",
  role_needed: "errors.roleNeeded",
  approval_required: "errors.approvalRequired",
  approval_refused: "errors.approvalRefused",
  currency_not_accepted: "errors.currencyNotAccepted",
  scanner_unverified: "errors.scannerUnverified",
  payment_not_found: "errors.paymentNotFound",
  code_already_used: "errors.codeAlreadyUsed",
  out_trade_no_used_by_refund: "errors.outTradeNoUsedByRefund",
  out_trade_no_mismatch: "errors.outTradeNoMismatch",
  payment_limit: "errors.paymentLimit",
  cancel_already_paid: "errors.cancelAlreadyPaid",
  cancel_already_final: "errors.cancelAlreadyFinal",
  attention_list_managers_only: "errors.attentionListManagersOnly",
  attention_managers_only: "errors.attentionManagersOnly",
  attention_already_kept: "errors.attentionAlreadyKept",
  attention_already_refunding: "errors.attentionAlreadyRefunding",
  attention_not_applicable: "errors.attentionNotApplicable",
  refund_no_mismatch: "errors.refundNoMismatch",
  refund_no_used_by_payment: "errors.refundNoUsedByPayment",
  refund_not_paid: "errors.refundNotPaid",
  refund_no_transaction: "errors.refundNoTransaction",
  refund_in_progress: "errors.refundInProgress",
  refund_too_much: "errors.refundTooMuch",
  notification_bad_signature: "errors.notificationBadSignature",
  notification_malformed: "errors.notificationMalformed",
  invalid_filter: "errors.invalidFilter",
  invalid_date: "errors.invalidDate",
  qfpay_unavailable: "errors.qfpayUnavailable",
  staff_change_one_field: "errors.staffChangeOneField",
  catalogue_item_not_found: "errors.catalogueItemNotFound",
  catalogue_category_not_found: "errors.catalogueCategoryNotFound",
  catalogue_category_unknown: "errors.catalogueCategoryUnknown",
  catalogue_bad_barcode: "errors.catalogueBadBarcode",
  catalogue_barcode_taken: "errors.catalogueBarcodeTaken",
  internal: "errors.internal",
};

const ROLE_TEXT: Record<string, MessageKey> = {
  cashier: "errors.roleCashier",
  manager: "errors.roleManager",
  owner: "errors.roleOwner",
};

/** What an answer's kind (`code`) means, when it carries no reason we know. */
function kindText(code: string): MessageKey {
  if (code === "unauthorized") return "errors.kindSignedOut";
  if (code === "forbidden" || code === "approval_refused" || code === "scanner_unverified")
    return "errors.kindForbidden";
  if (code === "not_found") return "errors.kindNotFound";
  if (code === "conflict") return "errors.kindConflict";
  if (code === "too_many_requests") return "errors.kindTooMany";
  if (code === "internal" || code === "unavailable") return "errors.kindServer";
  return "errors.kindRequest";
}

/** `(error) => text` in the cashier's language. */
export function useApiErrorText(): (error: ApiErrorDetail) => string {
  const t = useT();
  const format = useFormatters();
  return useCallback(
    (error: ApiErrorDetail) => {
      if (!isErrorReason(error.reason)) return t(kindText(error.code));
      const params = error.params ?? {};
      const role = typeof params.role === "string" ? ROLE_TEXT[params.role] : undefined;
      const left =
        typeof params.left === "number" && typeof params.currency === "string"
          ? format.money(params.left, params.currency)
          : params.left;
      return t(REASON_TEXT[error.reason], {
        ...params,
        ...(role ? { role: t(role) } : {}),
        ...(left !== undefined ? { left } : {}),
        field: typeof params.field === "string" ? params.field : "-",
      });
    },
    [t, format],
  );
}
