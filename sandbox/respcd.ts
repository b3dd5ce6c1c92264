/**
 * Texts for the `resperr` field. QFPay's `resperr` is a human text that usually ends with the code in
 * parentheses, e.g. "交易成功(0000)", "Do not use duplicate out_trade_no for request(1251)"
 * (API-FACTS §3 response table, §5, §8). Wording here is ours except where a source is cited.
 */

const TEXT: Readonly<Record<string, string>> = {
  "0000": "交易成功", // QF-CPM sample resperr
  "1103": "Request format error",
  "1104": "Request parameter error",
  "1108": "Signature error",
  "1143": "The customer is entering the password, please query the result later",
  "1145": "Processing, please wait",
  "1201": "Insufficient balance",
  "1202": "Wrong or expired payment code, please refresh the code and try again",
  "1205": "Transaction failed, please try again later",
  "1251": "Do not use duplicate out_trade_no for request", // captured text, API-FACTS §5 / §12
  "1294": "Transaction prohibited by the bank (risk control)",
  "1298": "Slow network; if you have already paid, do not pay again, please check later",
};

/** The bare status text, used for a query row's `errmsg`. */
export function statusText(respcd: string): string {
  return TEXT[respcd] ?? "Unknown status";
}

/** `resperr` = text + "(code)". `detail` replaces the default text (e.g. which field was wrong). */
export function resperr(respcd: string, detail?: string): string {
  return `${detail ?? statusText(respcd)}(${respcd})`;
}
