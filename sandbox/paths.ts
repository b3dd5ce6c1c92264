/** The QFPay endpoints the sandbox serves (docs/qfpay.md §14 "Endpoints"). Faults and routing share this list. */
export const PAYMENT_PATH = "/trade/v1/payment";
export const QUERY_PATH = "/trade/v1/query";
export const REFUND_PATH = "/trade/v1/refund";
export const REVERSAL_PATH = "/trade/v1/reversal";
export const CLOSE_PATH = "/trade/v1/close";

export const TRADE_PATHS = [PAYMENT_PATH, QUERY_PATH, REFUND_PATH, REVERSAL_PATH, CLOSE_PATH] as const;
export type TradePath = (typeof TRADE_PATHS)[number];

export function isTradePath(value: string): value is TradePath {
  return (TRADE_PATHS as readonly string[]).includes(value);
}
