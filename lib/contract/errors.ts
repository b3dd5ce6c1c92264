/**
 * The errors our API answers with, as both sides see them (the first part of the browser/server
 * contract, issue 11). An answer that refuses a request carries:
 * - `code`: the kind of refusal, which sets the HTTP status (`ERROR_STATUS`); programs branch on it;
 * - `reason`: exactly why, one of `ERROR_REASONS`; the screen says it in the cashier's language
 *   (components/errors/error-text.ts, the `errors` catalog part);
 * - `params`: the facts the sentence needs (an outTradeNo, a limit, an amount in minor units), never
 *   anything secret;
 * - `message`: the same in English, for logs, scripts and the admin CLI. The screen never shows it.
 *
 * Shared by the server (lib/errors.ts throws these) and the browser: no server-only imports here,
 * and no zod (screens read these names at run time). The body's schema is error-body.ts.
 */

/** HTTP status of each kind of refusal. */
export const ERROR_STATUS = {
  invalid_json: 400,
  invalid_request: 400,
  unauthorized: 401,
  forbidden: 403,
  /** The caller's role is not enough, but a manager's PIN on this till would be (issue 9). */
  approval_required: 403,
  /** The approving PIN/password was wrong, throttled, or its person may not approve this. */
  approval_refused: 403,
  /** A queued payment names a scanner whose sign-in no longer vouches for it: nothing was sent. */
  scanner_unverified: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  too_many_requests: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** Every reason, with the kind of refusal it is. */
export const ERROR_REASONS = {
  // The request itself
  invalid_json: "invalid_json",
  invalid_field: "invalid_request",
  bad_percent_encoding: "invalid_request",
  wrong_media_type: "unsupported_media_type",
  body_too_large: "payload_too_large",
  method_not_allowed: "method_not_allowed",
  bad_callback_url: "invalid_request",
  // Who is asking
  sign_in_first: "unauthorized",
  cross_site: "forbidden",
  role_needed: "forbidden",
  approval_required: "approval_required",
  approval_refused: "approval_refused",
  // Payments
  currency_not_accepted: "invalid_request",
  scanner_unverified: "scanner_unverified",
  payment_not_found: "not_found",
  code_already_used: "conflict",
  out_trade_no_used_by_refund: "conflict",
  out_trade_no_mismatch: "conflict",
  payment_limit: "too_many_requests",
  cancel_already_paid: "conflict",
  cancel_already_final: "conflict",
  attention_list_managers_only: "forbidden",
  attention_managers_only: "forbidden",
  attention_already_kept: "conflict",
  attention_already_refunding: "conflict",
  attention_not_applicable: "conflict",
  // Refunds
  refund_no_mismatch: "conflict",
  refund_no_used_by_payment: "conflict",
  refund_not_paid: "conflict",
  refund_no_transaction: "conflict",
  refund_in_progress: "conflict",
  refund_too_much: "conflict",
  // QFPay's notifications (QFPay's servers, never a screen)
  notification_bad_signature: "unauthorized",
  notification_malformed: "invalid_request",
  // Reports and lists
  invalid_filter: "invalid_request",
  invalid_date: "invalid_request",
  // QFPay could not be reached for a manager's check (reconciliation)
  qfpay_unavailable: "unavailable",
  // Staff accounts: a change names one thing. Refusals of a change itself are staff-admin.ts's own
  // reasons, answered as the code and worded by components/staff/staff-errors.ts.
  staff_change_one_field: "invalid_request",
  // The catalogue (docs/catalogue.md §3)
  catalogue_item_not_found: "not_found",
  catalogue_category_not_found: "not_found",
  catalogue_category_unknown: "invalid_request",
  catalogue_bad_barcode: "invalid_request",
  catalogue_barcode_taken: "conflict",
  // The server itself
  internal: "internal",
} as const satisfies Record<string, ErrorCode>;

export type ErrorReason = keyof typeof ERROR_REASONS;

export function isErrorReason(value: unknown): value is ErrorReason {
  return typeof value === "string" && Object.hasOwn(ERROR_REASONS, value);
}
