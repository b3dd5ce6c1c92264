/**
 * TanStack Query's keys for payments, shared by the screens that read them and the outbox, which
 * writes what it learns into them (outbox-provider.tsx).
 */
export const PAYMENT_LIST_LIMIT = 50;
/** Enough for any shift: payments needing a manager are rare. */
export const ATTENTION_LIST_LIMIT = 100;

export const paymentKeys = {
  all: ["payments"] as const,
  /** Every list (latest payments, needs attention): invalidate this after a payment changes. */
  lists: () => [...paymentKeys.all, "list"] as const,
  list: () => [...paymentKeys.lists(), { limit: PAYMENT_LIST_LIMIT }] as const,
  attention: () => [...paymentKeys.lists(), { attention: true, limit: ATTENTION_LIST_LIMIT }] as const,
  detail: (outTradeNo: string) => [...paymentKeys.all, "detail", outTradeNo] as const,
};
