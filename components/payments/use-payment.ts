import { skipToken, useQuery, type QueryState } from "@tanstack/react-query";
import type { PaymentView } from "@/lib/payments/types";
import { ApiError, fetchPayment, fetchPayments } from "./payments-api";

export const PAYMENT_LIST_LIMIT = 50;

export const paymentKeys = {
  all: ["payments"] as const,
  list: () => [...paymentKeys.all, "list", { limit: PAYMENT_LIST_LIMIT }] as const,
  detail: (outTradeNo: string) => [...paymentKeys.all, "detail", outTradeNo] as const,
};

const PENDING_POLL_MS = 1_000;
const ATTENTION_POLL_MS = 5_000;
const UNKNOWN_POLL_MS = 2_000;
const LIST_POLL_MS = 5_000;

function detailInterval(state: QueryState<PaymentView, Error>, keepPolling: boolean): number | false {
  const status = state.data?.status;
  if (status === "pending") return PENDING_POLL_MS;
  if (status === "needs_attention") return ATTENTION_POLL_MS;
  if (status) return false;
  const error = state.error;
  if (!keepPolling) return false;
  if (error instanceof ApiError && error.status !== 404 && error.status < 500) return false;
  return error ? UNKNOWN_POLL_MS : PENDING_POLL_MS;
}

function retryUnlessClientError(failureCount: number, error: Error): boolean {
  if (error instanceof ApiError && error.status < 500) return false;
  return failureCount < 2;
}

type UsePaymentOptions = {
  /**
   * The sale screen keeps asking even after a 404 or a network error: the server may have the
   * payment, and the cashier must not be told it failed when the outcome is unknown.
   */
  keepPolling?: boolean;
};

/** One payment, polled every second while pending. */
export function usePayment(outTradeNo: string | null, { keepPolling = false }: UsePaymentOptions = {}) {
  return useQuery({
    queryKey: paymentKeys.detail(outTradeNo ?? ""),
    queryFn: outTradeNo ? ({ signal }) => fetchPayment(outTradeNo, signal) : skipToken,
    refetchInterval: (query) => detailInterval(query.state, keepPolling),
    refetchIntervalInBackground: keepPolling,
    retry: keepPolling ? false : retryUnlessClientError,
  });
}

/** The latest payments, newest first; refreshed every 5 s while any is still open. */
export function usePayments() {
  return useQuery({
    queryKey: paymentKeys.list(),
    queryFn: ({ signal }) => fetchPayments(PAYMENT_LIST_LIMIT, signal),
    refetchInterval: (query) =>
      query.state.data?.some((p) => p.status === "pending" || p.status === "needs_attention") ? LIST_POLL_MS : false,
  });
}
