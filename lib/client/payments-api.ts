import type { Approval } from "@/components/approval/approval";
import type { AttentionAction } from "@/lib/payments/attention-actions";
import {
  PAYMENT_STATUSES,
  REFUND_STATUSES,
  type ApiErrorBody,
  type PaymentStatus,
  type PaymentView,
  type RefundView,
} from "@/lib/contract/payments";
import { goToSignIn } from "@/lib/client/sign-in-page";

type ApiErrorDetail = ApiErrorBody["error"];

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, detail: ApiErrorDetail) {
    super(detail.message);
    this.name = "ApiError";
    this.status = status;
    this.code = detail.code;
  }
}

export class NetworkError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NetworkError";
  }
}

export type CreatePaymentInput = {
  outTradeNo: string;
  amount: number;
  currency: string;
  authCode: string;
  scanProof?: string;
};

/**
 * What one POST told us. `unreachable` means the outcome is unknown (no answer, a 5xx, a gateway
 * page): the caller may resend the same outTradeNo, never a new one. `conflict` (409) means this
 * outTradeNo was not taken: the code was already used by another payment.
 */
export type CreatePaymentResult =
  | { kind: "accepted"; payment: PaymentView; replay: boolean }
  | { kind: "conflict"; error: ApiErrorDetail }
  | { kind: "rejected"; status: number; error: ApiErrorDetail }
  | { kind: "signedOut" }
  | { kind: "unreachable"; reason: string };

export function isPaymentView(value: unknown): value is PaymentView {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.outTradeNo === "string" &&
    typeof v.amount === "number" &&
    typeof v.currency === "string" &&
    (PAYMENT_STATUSES as readonly unknown[]).includes(v.status)
  );
}

function isRefundView(value: unknown): value is RefundView {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.outTradeNo === "string" &&
    typeof v.amount === "number" &&
    typeof v.currency === "string" &&
    (REFUND_STATUSES as readonly unknown[]).includes(v.status)
  );
}

/**
 * Fills the fields a server from before refunds existed did not send, so screens can rely on them:
 * nothing refundable, no refunds, no cancel asked.
 */
function withDefaults(payment: PaymentView): PaymentView {
  const p: Partial<PaymentView> = payment;
  return {
    ...payment,
    refundedAmount: typeof p.refundedAmount === "number" ? p.refundedAmount : 0,
    refundableAmount: typeof p.refundableAmount === "number" ? p.refundableAmount : 0,
    refunds: Array.isArray(p.refunds) ? p.refunds.filter(isRefundView) : [],
    cancelRequested: p.cancelRequested === true,
    attentionReason: typeof p.attentionReason === "string" ? p.attentionReason : null,
    attentionKind: p.status === "needs_attention" ? (p.attentionKind ?? "unsettled") : null,
    checking: p.checking === true,
    walletReference: typeof p.walletReference === "string" && p.walletReference !== "" ? p.walletReference : null,
    paidAt: typeof p.paidAt === "string" && p.paidAt !== "" ? p.paidAt : null,
    sentBy: typeof p.sentBy === "string" && p.sentBy !== "" ? p.sentBy : null,
    qfpayPayType: typeof p.qfpayPayType === "string" && p.qfpayPayType !== "" ? p.qfpayPayType : null,
    openRefunds: typeof p.openRefunds === "number" ? p.openRefunds : 0,
  };
}

function errorDetail(body: unknown, status: number): ApiErrorDetail {
  const error = (body as Partial<ApiErrorBody> | null)?.error;
  if (error && typeof error.code === "string" && typeof error.message === "string") return error;
  return { code: `http_${status}`, message: `HTTP ${status}` };
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return null;
  }
}

/** Statuses after which a resend of the same request may get a different answer. */
function isTransient(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || status >= 500;
}

export async function createPayment(input: CreatePaymentInput, signal?: AbortSignal): Promise<CreatePaymentResult> {
  let response: Response;
  try {
    response = await fetch("/api/payments", {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(input),
      cache: "no-store",
      signal,
    });
  } catch (error) {
    return { kind: "unreachable", reason: error instanceof Error ? error.name : "fetch_failed" };
  }
  const body = await readJson(response);
  if (response.status === 200 || response.status === 201) {
    if (isPaymentView(body)) return { kind: "accepted", payment: withDefaults(body), replay: response.status === 200 };
    return { kind: "unreachable", reason: "bad_body" };
  }
  if (response.status === 401) return { kind: "signedOut" };
  if (response.status === 409) return { kind: "conflict", error: errorDetail(body, 409) };
  if (isTransient(response.status)) return { kind: "unreachable", reason: `http_${response.status}` };
  return { kind: "rejected", status: response.status, error: errorDetail(body, response.status) };
}

async function getJson(path: string, signal?: AbortSignal): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(path, { headers: { Accept: "application/json" }, cache: "no-store", signal });
  } catch (error) {
    throw new NetworkError(error instanceof Error ? error.message : "fetch failed");
  }
  const body = await readJson(response);
  if (response.status === 401) {
    goToSignIn();
    throw new ApiError(401, errorDetail(body, 401));
  }
  if (!response.ok) throw new ApiError(response.status, errorDetail(body, response.status));
  return body;
}

export async function fetchPayment(outTradeNo: string, signal?: AbortSignal): Promise<PaymentView> {
  const body = await getJson(paymentPath(outTradeNo), signal);
  if (!isPaymentView(body)) throw new NetworkError("unexpected payment body");
  return withDefaults(body);
}

/** `attention`: payments that need a manager or have a refund not yet final, charged-after-failure first. */
export type PaymentListQuery = { limit: number; status?: PaymentStatus; attention?: boolean };

export async function fetchPayments(
  { limit, status, attention = false }: PaymentListQuery,
  signal?: AbortSignal,
): Promise<PaymentView[]> {
  const params = new URLSearchParams({ limit: String(limit) });
  if (status) params.set("status", status);
  if (attention) params.set("attention", "1");
  const body = (await getJson(`/api/payments?${params.toString()}`, signal)) as { payments?: unknown } | null;
  const list = Array.isArray(body?.payments) ? body.payments : null;
  if (!list) throw new NetworkError("unexpected payments body");
  // Filtered here too, so a server that ignores `status` cannot put other payments in the list.
  return list
    .filter(isPaymentView)
    .map(withDefaults)
    .filter((p) => !status || p.status === status);
}

function paymentPath(outTradeNo: string): string {
  return `/api/payments/${encodeURIComponent(outTradeNo)}`;
}

async function postJson(
  path: string,
  body?: unknown,
  signal?: AbortSignal,
): Promise<Response | { unreachable: string }> {
  try {
    return await fetch(path, {
      method: "POST",
      headers:
        body === undefined
          ? { Accept: "application/json" }
          : { "Content-Type": "application/json", Accept: "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: "no-store",
      signal,
    });
  } catch (error) {
    return { unreachable: error instanceof Error ? error.name : "fetch_failed" };
  }
}

/**
 * What `POST /api/payments/{outTradeNo}/cancel` told us. `answered`: the payment as it now stands
 * (cancelled, paid after all, still cancelling, failed or needs attention). `conflict` (409): it was
 * already final before the request. `unreachable`: no answer; the GET poll shows whether it arrived.
 */
export type CancelPaymentResult =
  | { kind: "answered"; payment: PaymentView }
  | { kind: "conflict"; error: ApiErrorDetail }
  | { kind: "notFound"; error: ApiErrorDetail }
  | { kind: "rejected"; status: number; error: ApiErrorDetail }
  | { kind: "signedOut" }
  | { kind: "unreachable"; reason: string };

/**
 * `approval`: a manager's PIN or password typed on this till, for someone else's payment (the
 * server answers 403 `approval_required` without it). Sent in this one request's body only.
 */
export type ApprovalOptions = { signal?: AbortSignal; approval?: Approval };

export async function cancelPayment(
  outTradeNo: string,
  { signal, approval }: ApprovalOptions = {},
): Promise<CancelPaymentResult> {
  // No body at all without an approval: the cancel of one's own payment is sent as it always was.
  const response = await postJson(`${paymentPath(outTradeNo)}/cancel`, approval ? { approval } : undefined, signal);
  if ("unreachable" in response) return { kind: "unreachable", reason: response.unreachable };
  const body = await readJson(response);
  if (response.status === 200 || response.status === 201 || response.status === 202) {
    return isPaymentView(body)
      ? { kind: "answered", payment: withDefaults(body) }
      : { kind: "unreachable", reason: "bad_body" };
  }
  if (response.status === 401) return { kind: "signedOut" };
  if (response.status === 404) return { kind: "notFound", error: errorDetail(body, 404) };
  if (response.status === 409) return { kind: "conflict", error: errorDetail(body, 409) };
  if (isTransient(response.status)) return { kind: "unreachable", reason: `http_${response.status}` };
  return { kind: "rejected", status: response.status, error: errorDetail(body, response.status) };
}

/** A refund request: `outTradeNo` is the refund's own key, made once and reused on every resend. */
export type CreateRefundInput = { amount: number; outTradeNo: string };

/**
 * What `POST /api/payments/{outTradeNo}/refunds` told us. `answered`: the refund (new or a replay),
 * which may itself be pending or failed. `refused`: a 4xx, nothing was refunded. `unreachable`: no
 * answer; resend the same input, never a new key.
 */
export type CreateRefundResult =
  | { kind: "answered"; refund: RefundView; replay: boolean }
  | { kind: "refused"; status: number; error: ApiErrorDetail }
  | { kind: "signedOut" }
  | { kind: "unreachable"; reason: string };

/** `approval`: a cashier's refund, approved by a manager on this till (a 403 `approval_required` without it). */
export async function createRefund(
  paymentOutTradeNo: string,
  input: CreateRefundInput,
  { signal, approval }: ApprovalOptions = {},
): Promise<CreateRefundResult> {
  const request = approval
    ? { amount: input.amount, outTradeNo: input.outTradeNo, approval }
    : { amount: input.amount, outTradeNo: input.outTradeNo };
  const response = await postJson(`${paymentPath(paymentOutTradeNo)}/refunds`, request, signal);
  if ("unreachable" in response) return { kind: "unreachable", reason: response.unreachable };
  const body = await readJson(response);
  if (response.status === 200 || response.status === 201) {
    return isRefundView(body)
      ? { kind: "answered", refund: body, replay: response.status === 200 }
      : { kind: "unreachable", reason: "bad_body" };
  }
  if (response.status === 401) return { kind: "signedOut" };
  if (isTransient(response.status)) return { kind: "unreachable", reason: `http_${response.status}` };
  return { kind: "refused", status: response.status, error: errorDetail(body, response.status) };
}

/**
 * `GET /api/payments/{outTradeNo}` for the outbox: never redirects and never throws, so a lookup
 * tells "the server has it", "the server has no such payment" and "no answer" apart.
 */
export type LookupPaymentResult =
  | { kind: "found"; payment: PaymentView }
  | { kind: "notFound" }
  | { kind: "signedOut" }
  | { kind: "unreachable"; reason: string };

export async function lookupPayment(outTradeNo: string, signal?: AbortSignal): Promise<LookupPaymentResult> {
  let response: Response;
  try {
    response = await fetch(paymentPath(outTradeNo), {
      headers: { Accept: "application/json" },
      cache: "no-store",
      signal,
    });
  } catch (error) {
    return { kind: "unreachable", reason: error instanceof Error ? error.name : "fetch_failed" };
  }
  const body = await readJson(response);
  if (response.ok)
    return isPaymentView(body)
      ? { kind: "found", payment: withDefaults(body) }
      : { kind: "unreachable", reason: "bad_body" };
  if (response.status === 401) return { kind: "signedOut" };
  // Only our API's own 404 body counts as "no such payment": a proxy's 404 page proves nothing.
  if (response.status === 404 && errorDetail(body, 404).code === "not_found") return { kind: "notFound" };
  return { kind: "unreachable", reason: `http_${response.status}` };
}

/**
 * What `POST /api/payments/{outTradeNo}/attention` told us. `answered`: the decision is taken (or
 * was already): the payment as it now stands and, for "refund", the refund (it may be pending or
 * refused). `refused`: a 4xx (not a manager, not this kind of payment). `unreachable`: no answer;
 * sending the same action again is safe (the server recognises a decision already taken).
 */
export type AttentionActionResult =
  | { kind: "answered"; payment: PaymentView; refund: RefundView | null }
  | { kind: "refused"; status: number; error: ApiErrorDetail }
  | { kind: "signedOut" }
  | { kind: "unreachable"; reason: string };

export async function sendAttentionAction(
  outTradeNo: string,
  action: AttentionAction,
  signal?: AbortSignal,
): Promise<AttentionActionResult> {
  const response = await postJson(`${paymentPath(outTradeNo)}/attention`, { action }, signal);
  if ("unreachable" in response) return { kind: "unreachable", reason: response.unreachable };
  const body = (await readJson(response)) as { payment?: unknown; refund?: unknown } | null;
  if (response.status === 200 || response.status === 201) {
    if (!body || !isPaymentView(body.payment)) return { kind: "unreachable", reason: "bad_body" };
    return {
      kind: "answered",
      payment: withDefaults(body.payment),
      refund: isRefundView(body.refund) ? body.refund : null,
    };
  }
  if (response.status === 401) return { kind: "signedOut" };
  if (isTransient(response.status)) return { kind: "unreachable", reason: `http_${response.status}` };
  return { kind: "refused", status: response.status, error: errorDetail(body, response.status) };
}
