import { skipToken, useQuery, type QueryState } from "@tanstack/react-query";
import { isPolledByOutbox } from "@/lib/offline/outbox-item";
import type { PaymentView } from "@/lib/contract/payments";
import { isPaymentOrRefundOpen } from "@/lib/contract/payment-status";
import { useOutbox } from "./outbox-provider";
import { ATTENTION_LIST_LIMIT, PAYMENT_LIST_LIMIT, paymentKeys } from "@/lib/client/payment-keys";
import { isRefusal } from "@/lib/client/api-error";
import { fetchPayment, fetchPayments } from "@/lib/client/payments-api";

const PENDING_POLL_MS = 1_000;
const ATTENTION_POLL_MS = 5_000;
const UNKNOWN_POLL_MS = 2_000;
/** A refund QFPay is still processing: the server settles it by enquiry as the payment is read. */
const REFUND_POLL_MS = 2_000;
const LIST_POLL_MS = 5_000;
const ATTENTION_LIST_POLL_MS = 15_000;

function hasPendingRefund(payment: PaymentView | undefined): boolean {
  return payment?.refunds.some((r) => r.status === "pending") ?? false;
}

function detailInterval(state: QueryState<PaymentView, Error>, keepPolling: boolean): number | false {
  const status = state.data?.status;
  if (status === "pending") return PENDING_POLL_MS;
  if (hasPendingRefund(state.data)) return REFUND_POLL_MS;
  if (state.data && isPaymentOrRefundOpen(state.data)) return ATTENTION_POLL_MS;
  if (status) return false;
  const error = state.error;
  if (!keepPolling) return false;
  if (isRefusal(error) && error.status !== 404) return false;
  return error ? UNKNOWN_POLL_MS : PENDING_POLL_MS;
}

function retryUnlessClientError(failureCount: number, error: Error): boolean {
  if (isRefusal(error)) return false;
  return failureCount < 2;
}

type UsePaymentOptions = {
  /**
   * The sale screen keeps asking even after a 404 or a network error: the server may have the
   * payment, and the cashier must not be told it failed when the outcome is unknown.
   */
  keepPolling?: boolean;
  /** What is already known of it (the sale screen's outbox copy): shown until the first answer. */
  initialData?: PaymentView;
};

/**
 * One payment, polled every second while pending (and every 2 s while a refund of it is processing).
 * While this till's outbox looks the payment up itself (it was sent from here and is not final yet)
 * the outbox is its only poller: it writes each answer into this query (outbox-provider.tsx), and
 * the screen asks nothing (docs/performance.md §7: one poller per payment, the one that survives a reload).
 */
export function usePayment(outTradeNo: string | null, { keepPolling = false, initialData }: UsePaymentOptions = {}) {
  const { items } = useOutbox();
  const tracked = outTradeNo ? items.find((item) => item.outTradeNo === outTradeNo) : undefined;
  const outboxPolls = tracked !== undefined && isPolledByOutbox(tracked);
  return useQuery({
    initialData,
    queryKey: paymentKeys.detail(outTradeNo ?? ""),
    queryFn: outTradeNo && !outboxPolls ? ({ signal }) => fetchPayment(outTradeNo, signal) : skipToken,
    // What the outbox last heard, until the query has data of its own.
    placeholderData: tracked?.payment ?? undefined,
    refetchInterval: (query) => detailInterval(query.state, keepPolling),
    refetchIntervalInBackground: keepPolling,
    retry: keepPolling ? false : retryUnlessClientError,
  });
}

/** The latest payments, newest first; refreshed every 5 s while any is still open. */
export function usePayments() {
  return useQuery({
    queryKey: paymentKeys.list(),
    queryFn: ({ signal }) => fetchPayments({ limit: PAYMENT_LIST_LIMIT, attention: false }, signal),
    refetchInterval: (query) => (query.state.data?.some(isPaymentOrRefundOpen) ? LIST_POLL_MS : false),
  });
}

/**
 * What a manager must look at (`?attention=1`): payments that need attention, payments whose refund
 * QFPay has not confirmed, and refunds still processing; charged-after-failure first. For the
 * Payments page and the top bar's count. Only managers and owners ask (`enabled`); one query is
 * shared by both.
 */
export function useAttentionPayments(enabled: boolean) {
  return useQuery({
    queryKey: paymentKeys.attention(),
    queryFn: ({ signal }) => fetchPayments({ limit: ATTENTION_LIST_LIMIT, attention: true }, signal),
    enabled,
    refetchInterval: ATTENTION_LIST_POLL_MS,
  });
}
