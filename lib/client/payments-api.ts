/**
 * The browser's payment requests (issue 11): take a payment, read one or a list, cancel, refund, a
 * manager's decision. Every answer is read with the contract's schemas (lib/contract/payments.ts);
 * a body that does not parse is "no answer" (`unreachable`, reason `bad_body`), never a refusal:
 * the payment may have been taken. A 401 is reported (`signedOut`, SignedOutError), never acted on:
 * lib/client/session-end.ts decides.
 */
import * as z from "zod/mini";
import type { Approval } from "@/lib/contract/approval";
import { attentionAnswer, type AttentionAction } from "@/lib/contract/attention";
import type { ApiErrorDetail } from "@/lib/contract/error-body";
import {
  paymentList,
  paymentView,
  refundView,
  type CreatePaymentInput,
  type PaymentListQuery,
  type PaymentView,
  type RefundView,
} from "@/lib/contract/payments";
import type { CreateRefundInput } from "@/lib/contract/refunds";
import { errorDetail, isSuccess, isTransient, requestJson, send } from "./http";

const paymentPath = (outTradeNo: string) => `/api/payments/${encodeURIComponent(outTradeNo)}`;

/** The answer's body as `schema` reads it, or null. */
function parsed<T extends z.ZodMiniType>(schema: T, body: unknown): z.output<T> | null {
  const result = z.safeParse(schema, body);
  return result.success ? result.data : null;
}

/** No answer we can use: the outcome is unknown (`bad_body`, or `http_<status>` for a transient status). */
const unreachable = (reason: string) => ({ kind: "unreachable" as const, reason });

/**
 * What one `POST /api/payments` told us. `unreachable` means the outcome is unknown (no answer, a
 * 5xx, a gateway page, a body we cannot read): the caller may resend the same outTradeNo, never a
 * new one. `conflict` (409) means this outTradeNo was not taken: the code was already used by
 * another payment.
 */
type PostPaymentResult =
  | { kind: "accepted"; payment: PaymentView; replay: boolean }
  | { kind: "conflict"; error: ApiErrorDetail }
  | { kind: "rejected"; status: number; error: ApiErrorDetail }
  | { kind: "signedOut" }
  | { kind: "unreachable"; reason: string };

export async function postPayment(input: CreatePaymentInput, signal?: AbortSignal): Promise<PostPaymentResult> {
  const sent = await send("POST", "/api/payments", { body: input, signal });
  if ("unreachable" in sent) return unreachable(sent.unreachable);
  if (sent.status === 200 || sent.status === 201) {
    const payment = parsed(paymentView, sent.body);
    return payment ? { kind: "accepted", payment, replay: sent.status === 200 } : unreachable("bad_body");
  }
  if (sent.status === 401) return { kind: "signedOut" };
  if (sent.status === 409) return { kind: "conflict", error: errorDetail(sent.body, 409) };
  if (isTransient(sent.status)) return unreachable(`http_${sent.status}`);
  return { kind: "rejected", status: sent.status, error: errorDetail(sent.body, sent.status) };
}

/** One payment, for the screens (TanStack Query): throws ApiError, SignedOutError on a 401. */
export function fetchPayment(outTradeNo: string, signal?: AbortSignal): Promise<PaymentView> {
  return requestJson(paymentView, "GET", paymentPath(outTradeNo), { signal });
}

export async function fetchPayments(query: PaymentListQuery, signal?: AbortSignal): Promise<PaymentView[]> {
  const params = new URLSearchParams({ limit: String(query.limit) });
  if (query.status) params.set("status", query.status);
  if (query.attention) params.set("attention", "1");
  const { payments } = await requestJson(paymentList, "GET", `/api/payments?${params.toString()}`, { signal });
  // Filtered here too, so a server that ignores `status` cannot put other payments in the list.
  return payments.filter((p) => !query.status || p.status === query.status);
}

/**
 * What `POST /api/payments/{outTradeNo}/cancel` told us. `answered`: the payment as it now stands
 * (cancelled, paid after all, still cancelling, failed or needs attention). `conflict` (409): it was
 * already final before the request. `unreachable`: no answer; the GET poll shows whether it arrived.
 */
export type PostCancelResult =
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
type ApprovalOptions = { signal?: AbortSignal; approval?: Approval };

export async function postCancel(
  outTradeNo: string,
  { signal, approval }: ApprovalOptions = {},
): Promise<PostCancelResult> {
  // No body at all without an approval: the cancel of one's own payment is sent as it always was.
  const sent = await send("POST", `${paymentPath(outTradeNo)}/cancel`, {
    body: approval ? { approval } : undefined,
    signal,
  });
  if ("unreachable" in sent) return unreachable(sent.unreachable);
  if (sent.status === 200 || sent.status === 201 || sent.status === 202) {
    const payment = parsed(paymentView, sent.body);
    return payment ? { kind: "answered", payment } : unreachable("bad_body");
  }
  if (sent.status === 401) return { kind: "signedOut" };
  if (sent.status === 404) return { kind: "notFound", error: errorDetail(sent.body, 404) };
  if (sent.status === 409) return { kind: "conflict", error: errorDetail(sent.body, 409) };
  if (isTransient(sent.status)) return unreachable(`http_${sent.status}`);
  return { kind: "rejected", status: sent.status, error: errorDetail(sent.body, sent.status) };
}

/**
 * What `POST /api/payments/{outTradeNo}/refunds` told us. `answered`: the refund (new or a replay),
 * which may itself be pending or failed. `refused`: a 4xx, nothing was refunded. `unreachable`: no
 * answer; resend the same input, never a new key.
 */
export type PostRefundResult =
  | { kind: "answered"; refund: RefundView; replay: boolean }
  | { kind: "refused"; status: number; error: ApiErrorDetail }
  | { kind: "signedOut" }
  | { kind: "unreachable"; reason: string };

/**
 * `input.outTradeNo` is the refund's own key, made once and reused on every resend. `approval`: a
 * cashier's refund, approved by a manager on this till (a 403 `approval_required` without it).
 */
export async function postRefund(
  paymentOutTradeNo: string,
  input: CreateRefundInput,
  { signal, approval }: ApprovalOptions = {},
): Promise<PostRefundResult> {
  const body = approval
    ? { amount: input.amount, outTradeNo: input.outTradeNo, approval }
    : { amount: input.amount, outTradeNo: input.outTradeNo };
  const sent = await send("POST", `${paymentPath(paymentOutTradeNo)}/refunds`, { body, signal });
  if ("unreachable" in sent) return unreachable(sent.unreachable);
  if (sent.status === 200 || sent.status === 201) {
    const refund = parsed(refundView, sent.body);
    return refund ? { kind: "answered", refund, replay: sent.status === 200 } : unreachable("bad_body");
  }
  if (sent.status === 401) return { kind: "signedOut" };
  if (isTransient(sent.status)) return unreachable(`http_${sent.status}`);
  return { kind: "refused", status: sent.status, error: errorDetail(sent.body, sent.status) };
}

/**
 * `GET /api/payments/{outTradeNo}` for the outbox: never throws, so a lookup tells "the server has
 * it", "the server has no such payment" and "no answer" apart.
 */
type LookupPaymentResult =
  | { kind: "found"; payment: PaymentView }
  | { kind: "notFound" }
  | { kind: "signedOut" }
  | { kind: "unreachable"; reason: string };

export async function lookupPayment(outTradeNo: string, signal?: AbortSignal): Promise<LookupPaymentResult> {
  const sent = await send("GET", paymentPath(outTradeNo), { signal });
  if ("unreachable" in sent) return unreachable(sent.unreachable);
  if (isSuccess(sent.status)) {
    const payment = parsed(paymentView, sent.body);
    return payment ? { kind: "found", payment } : unreachable("bad_body");
  }
  if (sent.status === 401) return { kind: "signedOut" };
  // Only our API's own 404 body counts as "no such payment": a proxy's 404 page proves nothing.
  if (sent.status === 404 && errorDetail(sent.body, 404).code === "not_found") return { kind: "notFound" };
  return unreachable(`http_${sent.status}`);
}

/**
 * What `POST /api/payments/{outTradeNo}/attention` told us. `answered`: the decision is taken (or
 * was already): the payment as it now stands and, for "refund", the refund (it may be pending or
 * refused). `refused`: a 4xx (not a manager, not this kind of payment). `unreachable`: no answer;
 * sending the same action again is safe (the server recognises a decision already taken).
 */
export type PostAttentionResult =
  | { kind: "answered"; payment: PaymentView; refund: RefundView | null }
  | { kind: "refused"; status: number; error: ApiErrorDetail }
  | { kind: "signedOut" }
  | { kind: "unreachable"; reason: string };

export async function postAttentionAction(
  outTradeNo: string,
  action: AttentionAction,
  signal?: AbortSignal,
): Promise<PostAttentionResult> {
  const sent = await send("POST", `${paymentPath(outTradeNo)}/attention`, { body: { action }, signal });
  if ("unreachable" in sent) return unreachable(sent.unreachable);
  if (sent.status === 200 || sent.status === 201) {
    const answer = parsed(attentionAnswer, sent.body);
    return answer ? { kind: "answered", payment: answer.payment, refund: answer.refund } : unreachable("bad_body");
  }
  if (sent.status === 401) return { kind: "signedOut" };
  if (isTransient(sent.status)) return unreachable(`http_${sent.status}`);
  return { kind: "refused", status: sent.status, error: errorDetail(sent.body, sent.status) };
}
