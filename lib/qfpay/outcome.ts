/**
 * THE mapping from a QFPay `respcd` to what it means for a payment (API-FACTS §8). Used for the
 * `/payment` answer and for each enquiry row alike.
 * Never: calls a payment failed on a code we cannot be sure about. A payment wrongly marked failed
 * is a customer charged with no sale, so anything unlisted, missing or malformed is pending and
 * the enquiry settles it (§8 "Safe default", ARCHITECTURE rule 2).
 */
import "server-only";
import type { FailureKind } from "@/lib/payments/types";

export type GatewayOutcome =
  | { status: "paid" }
  | { status: "pending" }
  | { status: "failed"; failureKind: FailureKind };

const PAID: GatewayOutcome = Object.freeze({ status: "paid" });
const PENDING: GatewayOutcome = Object.freeze({ status: "pending" });
const FRESH_CODE: GatewayOutcome = Object.freeze({ status: "failed", failureKind: "fresh_code" });
const OTHER_METHOD: GatewayOutcome = Object.freeze({ status: "failed", failureKind: "other_method" });
const DECLINED: GatewayOutcome = Object.freeze({ status: "failed", failureKind: "declined" });
const CONFIGURATION: GatewayOutcome = Object.freeze({ status: "failed", failureKind: "configuration" });

/** Every §8 code (plus two historical pending codes), each decided on purpose. Unlisted ⇒ pending. */
export const RESPCD_TABLE: Readonly<Record<string, GatewayOutcome>> = Object.freeze({
  "0000": PAID,

  // §8 PENDING→query, and QFM-codes' "processing, poll the enquiry" group (1143/1145/1298);
  // 1295 "waiting for response" is §8's [Inferred] pending.
  "1143": PENDING,
  "1145": PENDING,
  "1295": PENDING,
  "1298": PENDING,

  // §8 "→ query": the code says nothing certain about whether the customer paid.
  // 1100/1252/1254 system trouble mid-request; 1101 reversal error; 1102/2011 duplicate
  // out_trade_no, so an earlier send may have succeeded (§12 "rejected, not replayed");
  // 1136 "does not exist / not operable" is "FAIL-final (or query)", we query;
  // 1260 "already paid" counts only after a query confirms it; 1261 "not paid" may still change.
  "1100": PENDING,
  "1101": PENDING,
  "1102": PENDING,
  "1136": PENDING,
  "1252": PENDING,
  "1254": PENDING,
  "1260": PENDING,
  "1261": PENDING,
  "2011": PENDING,

  // §8 order-state and refund/cancel codes ("final state → query", "CONFIG/FAIL → query",
  // REFUND-*). Not expected on a CPM payment; if one appears it is not a failure we can be sure of.
  "1125": PENDING,
  "1150": PENDING,
  "1155": PENDING,
  "1262": PENDING,
  "1263": PENDING,
  "1264": PENDING,
  "1265": PENDING,
  "1266": PENDING,
  "1267": PENDING,
  "1268": PENDING,
  "1269": PENDING,
  "1270": PENDING,
  "1271": PENDING,
  "1272": PENDING,

  // Historical (§8 [QF-old]): 1161 "result unknown, query again"; 2999 pending, "then query".
  "1161": PENDING,
  "2999": PENDING,

  // §8 FAIL-rescan about the code itself: wrong/expired/used code (1202, 2005), WeChat Pay
  // transaction error (1147), UnionPay needs its overseas code (1212). A fresh scan may work.
  "1147": FRESH_CODE,
  "1202": FRESH_CODE,
  "1212": FRESH_CODE,
  "2005": FRESH_CODE,

  // §8 FAIL-rescan about the payer's funds or bank: insufficient balance (1201), bank error (1204),
  // failed try later (1205), bank busy / over a limit (1297, §11), slow network "try later or
  // another method" (1296, §8 [Inferred]).
  "1201": OTHER_METHOD,
  "1204": OTHER_METHOD,
  "1205": OTHER_METHOD,
  "1296": OTHER_METHOD,
  "1297": OTHER_METHOD,

  // §8 FAIL-final: order closed (1142), expired (1181), forbidden (1250), bank risk control
  // (1294, "never auto-retry").
  "1142": DECLINED,
  "1181": DECLINED,
  "1250": DECLINED,
  "1294": DECLINED,

  // §8 CONFIG: request format/parameters (1103, 1104 incl. pay_type not enabled, §3), device
  // (1105-1107), signature or invalid mchid (1108, §1), merchant/store set-up (1203, 1241-1243,
  // 1251). We send each out_trade_no once, so 1251's refund meaning "duplicate out_trade_no" (§12)
  // does not apply to a payment.
  "1103": CONFIGURATION,
  "1104": CONFIGURATION,
  "1105": CONFIGURATION,
  "1106": CONFIGURATION,
  "1107": CONFIGURATION,
  "1108": CONFIGURATION,
  "1203": CONFIGURATION,
  "1241": CONFIGURATION,
  "1242": CONFIGURATION,
  "1243": CONFIGURATION,
  "1251": CONFIGURATION,
});

/**
 * The four-digit code, or null when `respcd` is missing or malformed. A number is accepted only in
 * 1000–9999 (samples mix strings and numbers, §3): a numeric 0 cannot be told from a broken field,
 * and "paid" is never guessed.
 */
export function normaliseRespcd(respcd: unknown): string | null {
  if (typeof respcd === "string") {
    const code = respcd.trim();
    return /^\d{4}$/.test(code) ? code : null;
  }
  if (typeof respcd === "number" && Number.isInteger(respcd) && respcd >= 1000 && respcd <= 9999) {
    return String(respcd);
  }
  return null;
}

/** True when `respcd` is a code this module decided on (as opposed to defaulting to pending). */
export function isKnownRespcd(respcd: unknown): boolean {
  const code = normaliseRespcd(respcd);
  return code !== null && Object.hasOwn(RESPCD_TABLE, code);
}

/** §8: paid for 0000, a failure kind for the codes listed as failures, pending for everything else. */
export function classifyRespcd(respcd: unknown): GatewayOutcome {
  const code = normaliseRespcd(respcd);
  if (code === null || !Object.hasOwn(RESPCD_TABLE, code)) return PENDING;
  return RESPCD_TABLE[code] ?? PENDING;
}
