/**
 * Reading QFPay's asynchronous notification body (docs/qfpay.md §7).
 * Owns: turning the raw JSON into a `QfpayNotification`.
 * Never: checks the signature (`verifyNotificationSignature` in `sign.ts` does, over the same raw
 * bytes, before this is called) or trusts the content: §7 says to confirm every notification by
 * enquiry, and the ledger does.
 */
import "server-only";
import { isRecord, readMinorAmount, readString } from "./read";
import type { NotificationBody } from "./types";

type QfpayNotification = {
  /** "payment" or "refund" as sent (§7); "" when missing. */
  notifyType: "payment" | "refund" | (string & {});
  outTradeNo: string;
  /** For a refund, the refund's syssn, not the payment's (§7). */
  syssn: string | null;
  respcd: string | null;
  /** `txamt`, minor units. */
  amount: number | null;
  cancel: string | null;
  /** The whole parsed body, unknown fields included (§7 "new fields may be added"). */
  raw: Record<string, unknown>;
};

/** Null when the body is not a JSON object or has no out_trade_no to match a payment or refund by. */
export function parseNotification(rawBody: string): QfpayNotification | null {
  let body: unknown;
  try {
    body = JSON.parse(rawBody.replace(/^\uFEFF/, ""));
  } catch {
    return null;
  }
  if (!isRecord(body)) return null;
  const field = (key: keyof NotificationBody) => readString(body, key);
  const outTradeNo = field("out_trade_no");
  if (outTradeNo === null) return null;
  return {
    notifyType: field("notify_type") ?? "",
    outTradeNo,
    syssn: field("syssn"),
    respcd: field("respcd"),
    amount: readMinorAmount(body, "txamt"),
    cancel: field("cancel"),
    raw: body,
  };
}
