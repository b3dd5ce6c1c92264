import { PAYMENT_STATUSES, type ApiErrorBody, type PaymentView } from "@/lib/payments/types";

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

export type CreatePaymentInput = { outTradeNo: string; amount: number; currency: string; authCode: string };

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

/** Sends the browser to the sign-in page, coming back to where the cashier was. */
export function goToSignIn(): void {
  const back = window.location.pathname + window.location.search;
  window.location.assign(`/login?callbackUrl=${encodeURIComponent(back)}`);
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
    if (isPaymentView(body)) return { kind: "accepted", payment: body, replay: response.status === 200 };
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
  const body = await getJson(`/api/payments/${encodeURIComponent(outTradeNo)}`, signal);
  if (!isPaymentView(body)) throw new NetworkError("unexpected payment body");
  return body;
}

export async function fetchPayments(limit: number, signal?: AbortSignal): Promise<PaymentView[]> {
  const body = (await getJson(`/api/payments?limit=${limit}`, signal)) as { payments?: unknown } | null;
  const list = Array.isArray(body?.payments) ? body.payments : null;
  if (!list) throw new NetworkError("unexpected payments body");
  return list.filter(isPaymentView);
}
