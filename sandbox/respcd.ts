/**
 * Texts for the `resperr` field. QFPay's `resperr` is a human text that usually ends with the code in
 * parentheses, e.g. "交易成功(0000)", "Do not use duplicate out_trade_no for request(1251)"
 * (docs/qfpay.md §3 response table, §5, §8). Wording here is ours except where a source is cited.
 */

const TEXT: Readonly<Record<string, string>> = {
  "0000": "交易成功", // QF-CPM sample resperr
  "1103": "Request format error",
  "1104": "Request parameter error",
  "1108": "Signature error",
  "1143": "The customer is entering the password, please query the result later",
  "1145": "Processing, please wait",
  "1147": "WeChat Pay transaction error",
  "1136": "Transaction does not exist or cannot be operated on",
  "1142": "Order already closed",
  "1150": "This pay type does not support cancelling: wait, query, and refund if it succeeds",
  "1155": "Refund request denied",
  "1201": "Insufficient balance",
  "1202": "Wrong or expired payment code, please refresh the code and try again",
  "1204": "Bank error",
  "1205": "Transaction failed, please try again later",
  // §8: 1212 is "use the UnionPay overseas payment code", the channel's refusal of a code it cannot take.
  "1212": "This payment code cannot be used with this payment method, please use the right payment code",
  "1251": "Do not use duplicate out_trade_no for request", // captured text, docs/qfpay.md §5 / §12
  "1260": "Order already paid: use refund",
  "1261": "Order not paid",
  "1262": "Order already refunded",
  "1263": "Order cancelled",
  "1264": "Order closed (wrong cancel)", // captured text for an already refunded payment, docs/qfpay.md §5
  "1265": "Refund not allowed: transactions made between 23:30 and 00:30 cannot be refunded",
  "1266": "Transaction amount is wrong",
  "1267": "Transaction information does not match",
  "1269": "Not enough same-day unsettled takings to refund",
  "1270": "Partial refund is not supported for this currency",
  "1271": "Partial refund is not supported for this transaction",
  "1272": "Refund amount exceeds the refundable amount",
  "1294": "Transaction prohibited by the bank (risk control)",
  "1296": "Slow network, please try again later or use another payment method",
  "1297": "Network busy, don't worry, we are fixing it", // captured sample text, docs/qfpay.md §3
  "1298": "Slow network; if you have already paid, do not pay again, please check later",
};

/** Enquiry rows only use 1143/1145 for "still pending" (docs/qfpay.md §4); every other non-0000 code is a failure. */
export function isPendingRowCode(respcd: string): boolean {
  return respcd === "1143" || respcd === "1145";
}

/** The bare status text, used for a query row's `errmsg`. */
export function statusText(respcd: string): string {
  return TEXT[respcd] ?? "Unknown status";
}

/** `resperr` = text + "(code)". `detail` replaces the default text (e.g. which field was wrong). */
export function resperr(respcd: string, detail?: string): string {
  return `${detail ?? statusText(respcd)}(${respcd})`;
}
