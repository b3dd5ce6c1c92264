/**
 * `/trade/v1/refund` (docs/qfpay.md §5). Checks, in order (first failure answers):
 * 1. fields: `syssn` (the payment's), `out_trade_no` (new), `txamt`, `txdtm` ⇒ 1104
 * 2. `out_trade_no` already used by any payment or refund ⇒ 1251 "Do not use duplicate out_trade_no
 *    for request(1251)", respmsg "out_trade_no is used" (captured, §5)
 * 3. `syssn` unknown, or a refund's ⇒ 1136
 * 4. payment pending or failed ⇒ 1261 "order not paid" (§5 "only 0000 can be refunded")
 * 5. payment reversed/closed, or already fully refunded ⇒ 1264 "Order closed (wrong cancel)" (captured, §5)
 * 6. another refund of it still pending ⇒ 1155 "You still have processing requests, please do not
 *    repeat the initiation" (captured text, §5; the code is our choice: "refund request denied")
 * 7. this + earlier refunds (pending or done) > the payment ⇒ 1272
 * 8. partial refunds refused (option `refunds.partial: false`, or fault refund_partial_refused) ⇒ 1271
 * 9. blackout (option `refunds.blackout` for payments made 23:30–00:30 HK, or fault refund_blackout) ⇒ 1265
 * 10. same-day balance (option `refunds.balance`, or fault refund_balance) ⇒ 1269
 * A refused refund is not recorded and does not use up its out_trade_no (QFPay's behaviour is UNKNOWN).
 *
 * Accepted refunds answer 0000 at once, except: txamt exactly 1143 or 1145 (the payment magic
 * numbers) or the refund_pending fault ⇒ answers 1143/1145, its row stays so for `pendingMs`, then
 * 0000 (§5: "a refund can stay 1143"). Refund rows are query rows with `order_type: "refund"`.
 */
import type { SandboxContext } from "../context";
import type { ActiveFault } from "../faults";
import type { RefundPlan, RefundRecord } from "../ledger";
import { resperr } from "../respcd";
import { hkDateTime } from "../time";
import { checkFields, refusal, type FieldCheck, type TradeAnswer } from "./answer";
import { DEFAULT_UDID, NOTIFY_URL_CHECK, OUT_TRADE_NO_RULE, TXAMT_CHECK, TXDTM_CHECK, UDID_CHECK } from "./payment";

const CHECKS: readonly FieldCheck[] = [
  { field: "syssn", required: true, valid: (v) => /^\d{1,40}$/.test(v), rule: "the payment's syssn (digits)" },
  { field: "out_trade_no", required: true, ...OUT_TRADE_NO_RULE },
  TXAMT_CHECK,
  TXDTM_CHECK,
  UDID_CHECK,
  NOTIFY_URL_CHECK,
];

/** Refund amounts that go pending: the payment magic numbers (outcomes.ts), matched exactly. */
const PENDING_REFUND_AMOUNTS = new Set(["1143", "1145"]);

/** HH:MM of an HK time is within 23:30–00:30 (§5 blackout). */
function inBlackout(ms: number): boolean {
  const hhmm = hkDateTime(ms).slice(11, 16);
  return hhmm >= "23:30" || hhmm < "00:30";
}

function major(minor: number): string {
  return (minor / 100).toFixed(2).replace(/\.00$/, "");
}

function refused(respcd: string, detail: string, fields: ReadonlyMap<string, string>, respmsg = ""): TradeAnswer {
  return {
    ...refusal(respcd, detail, respmsg),
    orig_syssn: fields.get("syssn") ?? "",
    out_trade_no: fields.get("out_trade_no") ?? "",
    txamt: fields.get("txamt") ?? "",
    txdtm: fields.get("txdtm") ?? "",
  };
}

function answer(ctx: SandboxContext, refund: RefundRecord): TradeAnswer {
  const state = ctx.ledger.refundStateOf(refund);
  const respcd = refund.answer;
  return {
    respcd,
    resperr: resperr(respcd),
    respmsg: respcd === "0000" ? "OK" : "",
    syssn: refund.syssn,
    orig_syssn: refund.original.syssn,
    out_trade_no: refund.outTradeNo,
    pay_type: refund.payType,
    txamt: refund.txamt,
    txcurrcd: refund.txcurrcd,
    txdtm: refund.txdtm,
    sysdtm: state.sysdtm,
    paydtm: state.paydtm,
    chnlsn: state.status === "refunded" ? refund.chnlsn : "",
    cardcd: refund.original.cardcd,
    udid: refund.udid,
  };
}

export function handleRefund(
  ctx: SandboxContext,
  fields: ReadonlyMap<string, string>,
  fault: ActiveFault | null,
): TradeAnswer {
  const bad = checkFields(fields, CHECKS);
  if (bad) return bad;
  const get = (name: string) => fields.get(name) ?? "";
  const outTradeNo = get("out_trade_no");
  const amount = Number(get("txamt"));

  if (ctx.ledger.findRowByOutTradeNo(outTradeNo)) {
    return refused("1251", "Do not use duplicate out_trade_no for request", fields, "out_trade_no is used");
  }
  const row = ctx.ledger.findRowBySyssn(get("syssn"));
  if (!row) return refused("1136", "Transaction does not exist", fields);
  if (row.orderType !== "payment")
    return refused("1136", "Only payments can be refunded (this syssn is a refund)", fields);
  const payment = row;

  const state = ctx.ledger.stateOf(payment);
  if (state.status === "pending" || state.status === "failed")
    return refused("1261", "Order not paid: only a 0000 payment can be refunded", fields);
  if (state.status === "cancelled")
    return refused("1264", "Order closed (wrong cancel): it was reversed or closed", fields);
  const original = Number(payment.txamt);
  if (state.refunded >= original) return refused("1264", "Order closed (wrong cancel): already fully refunded", fields);
  if (ctx.ledger.hasPendingRefund(payment)) {
    return refused("1155", "You still have processing requests, please do not repeat the initiation", fields);
  }
  const committed = ctx.ledger.committedRefunds(payment);
  if (committed + amount > original) {
    return refused("1272", `Refund amount exceeds the refundable amount (${original - committed} left)`, fields);
  }

  const policy = ctx.refundPolicy;
  const partial = committed + amount < original || committed > 0;
  if (partial && (!policy.partial || fault?.kind === "refund_partial_refused")) {
    return refused("1271", "Partial refund is not supported for this transaction", fields);
  }
  if (fault?.kind === "refund_blackout" || (policy.blackout && inBlackout(payment.createdAt))) {
    return refused("1265", "Refund not allowed: transactions made between 23:30 and 00:30 cannot be refunded", fields);
  }
  const available =
    fault?.kind === "refund_balance"
      ? 0
      : policy.balance === "takings"
        ? ctx.ledger.sameDayTakings(payment.wallet)
        : policy.balance;
  if (available !== null && amount > available) {
    // Captured wording (§5): "Today this payment method refundable balance is 0 HKD…(1269)".
    return refused(
      "1269",
      `Today this payment method refundable balance is ${major(Math.max(0, available))} ${payment.txcurrcd}, please try again later`,
      fields,
    );
  }

  const txamt = get("txamt");
  let plan: RefundPlan = { answer: "0000", whilePending: null, final: "0000", delayMs: 0 };
  if (fault?.kind === "refund_pending") {
    plan = { answer: "1143", whilePending: "1143", final: "0000", delayMs: fault.pendingMs ?? ctx.config.pendingMs };
  } else if (PENDING_REFUND_AMOUNTS.has(txamt)) {
    plan = { answer: txamt, whilePending: txamt, final: "0000", delayMs: ctx.config.pendingMs };
  }
  if (typeof policy.balance === "number") policy.balance -= amount;
  const refund = ctx.ledger.recordRefund(
    payment,
    {
      outTradeNo,
      txamt,
      txdtm: get("txdtm"),
      udid: get("udid") || DEFAULT_UDID,
      notifyUrl: ctx.notifier.requestUrl(fields.get("notify_url") || null),
    },
    plan,
    fault ? [fault.kind] : [],
  );
  return answer(ctx, refund);
}
