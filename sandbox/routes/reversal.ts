/**
 * `/trade/v1/reversal` and `/trade/v1/close` (docs/qfpay.md §6): the last resort for a CPM payment whose
 * outcome is unknown or stuck.
 *
 * Rules as implemented (the docs conflict on which endpoint serves which pay_type, §6 CONFLICT, so
 * both endpoints accept every cancellable pay type; they differ in `cancel` 1 vs 2 and in what a paid
 * Alipay payment does):
 * - pending payment ⇒ 0000; the payment is final and never charged; its row shows 1263 + cancel 1
 *   (reversal) or 1142 + cancel 2 (close). Our reading of §6/§8/§9.
 * - paid payment ⇒ close refuses 1260 "order already paid: use refund" (§6 "a transaction that
 *   already succeeded cannot be reversed — use refund"); reversal refuses 1260 too, except for
 *   Alipay, where revoking refunds it (§6 2016-2019 docs and Antom cancel semantics): 0000, the row
 *   keeps 0000 with cancel 1, not charged. A paid payment that already has refunds ⇒ 1262.
 * - failed payment ⇒ 0000, nothing to undo: the row keeps its failure code and cancel 0.
 * - already reversed/closed ⇒ 0000 again with the first reversal's syssn (nothing more happens).
 * - PayMe (805808) and UnionPay (800708, or 800008 with a UnionPay code) ⇒ 1150: "Hong Kong pay
 *   types do not support transaction cancel" (§6); 1150 is the code QFPay uses for "cannot cancel".
 * - unknown syssn/out_trade_no, or one that names a refund ⇒ 1136; syssn and out_trade_no naming
 *   different payments ⇒ 1267; txamt not the original's ⇒ 1266 (§8 "amount wrong").
 * Answers are never pending (1143/1145), except under the reversal_pending fault (1145 while the
 * payment stays undecided for pendingMs); the reversal's own syssn is never a query row.
 */
import type { SandboxContext } from "../context";
import type { ActiveFault } from "../faults";
import type { Cancellation, PaymentRecord } from "../ledger";
import { resperr } from "../respcd";
import { hkDateTime } from "../time";
import { checkFields, refusal, type FieldCheck, type TradeAnswer, type TradeHandler } from "./answer";
import { DEFAULT_UDID, OUT_TRADE_NO_RULE, TXAMT_CHECK, TXDTM_CHECK, UDID_CHECK } from "./payment";

const CHECKS: readonly FieldCheck[] = [
  { field: "syssn", required: false, valid: (v) => /^\d{1,40}$/.test(v), rule: "a QFPay syssn (digits)" },
  { field: "out_trade_no", required: false, ...OUT_TRADE_NO_RULE },
  TXAMT_CHECK,
  TXDTM_CHECK,
  UDID_CHECK,
];

/** Wallets with no cancel endpoint (§6: "Hong Kong PayTypes do not support transaction cancel"). */
const NOT_CANCELLABLE = new Set(["payme", "unionpay"]);

function refused(
  respcd: string,
  detail: string,
  record: PaymentRecord | null,
  fields: ReadonlyMap<string, string>,
): TradeAnswer {
  return {
    ...refusal(respcd, detail),
    orig_syssn: record?.syssn ?? fields.get("syssn") ?? "",
    out_trade_no: record?.outTradeNo ?? fields.get("out_trade_no") ?? "",
    txamt: fields.get("txamt") ?? "",
    txdtm: fields.get("txdtm") ?? "",
  };
}

/** `respcd` 0000 = reversed/closed; 1145 = in progress, query (§6 response, the reversal_pending fault). */
function answer(
  ctx: SandboxContext,
  record: PaymentRecord,
  cancellation: Cancellation,
  respmsg: string,
  respcd = "0000",
): TradeAnswer {
  const state = ctx.ledger.stateOf(record);
  return {
    respcd,
    resperr: resperr(respcd),
    respmsg,
    syssn: cancellation.syssn,
    orig_syssn: record.syssn,
    out_trade_no: record.outTradeNo,
    pay_type: record.payType,
    txamt: record.txamt,
    txcurrcd: record.txcurrcd,
    txdtm: cancellation.txdtm,
    sysdtm: hkDateTime(cancellation.at),
    chnlsn: state.chnlsn,
    cardcd: state.cardcd,
    udid: cancellation.udid,
  };
}

function cancelHandler(kind: Cancellation["kind"]): TradeHandler {
  return (ctx: SandboxContext, fields: ReadonlyMap<string, string>, fault: ActiveFault | null): TradeAnswer => {
    const bad = checkFields(fields, CHECKS);
    if (bad) return bad;
    const syssn = fields.get("syssn") || undefined;
    const outTradeNo = fields.get("out_trade_no") || undefined;
    if (syssn === undefined && outTradeNo === undefined) {
      return refusal(
        "1104",
        "Request parameter error: syssn or out_trade_no is required",
        "send syssn or out_trade_no",
      );
    }

    const bySyssn = syssn === undefined ? undefined : ctx.ledger.findRowBySyssn(syssn);
    const byNo = outTradeNo === undefined ? undefined : ctx.ledger.findRowByOutTradeNo(outTradeNo);
    if ((syssn !== undefined && !bySyssn) || (outTradeNo !== undefined && !byNo)) {
      return refused("1136", "Transaction does not exist", null, fields);
    }
    if (bySyssn && byNo && bySyssn !== byNo)
      return refused("1267", "syssn and out_trade_no name different transactions", null, fields);
    const row = (bySyssn ?? byNo)!;
    if (row.orderType !== "payment")
      return refused("1136", "Only payments can be reversed or closed (this is a refund)", null, fields);
    const record = row;

    if (NOT_CANCELLABLE.has(record.wallet)) {
      return refused(
        "1150",
        `${record.wallet === "payme" ? "PayMe" : "UnionPay"} payments cannot be cancelled; wait, query, and refund if it succeeds`,
        record,
        fields,
      );
    }
    if (fields.get("txamt") !== record.txamt)
      return refused("1266", `txamt must be the original amount ${record.txamt}`, record, fields);

    const details = { txdtm: fields.get("txdtm")!, udid: fields.get("udid") || DEFAULT_UDID };
    if (record.cancellation) {
      // A repeat while a reversal_pending reversal is still in progress is told the same: 1145.
      if (ctx.ledger.cancellationInProgress(record)) return answer(ctx, record, record.cancellation, "", "1145");
      return answer(
        ctx,
        record,
        record.cancellation,
        `already ${record.cancellation.kind === "reversal" ? "reversed" : "closed"}`,
      );
    }

    let state = ctx.ledger.stateOf(record);
    // succeed_during_reversal: the customer completes payment at the instant the reversal arrives
    // (WeChat/Alipay race between the last query and the revoke, §6).
    if (fault?.kind === "succeed_during_reversal" && state.status === "pending") {
      ctx.ledger.settleAsPaidNow(record, fault.kind);
      state = ctx.ledger.stateOf(record);
    }

    if (state.status === "paid") {
      if (kind === "close" || record.wallet !== "alipay") {
        return refused("1260", "Order already paid: it cannot be reversed or closed, use refund", record, fields);
      }
      if (record.refunds.length > 0)
        return refused("1262", "Order already (partly) refunded: use refund", record, fields);
    }
    // reversal_pending: §6 allows 1143/1145 "in progress" answers; the payment stays undecided for
    // pendingMs, then is cancelled. A payment that already completed keeps the rules above/below.
    if (fault?.kind === "reversal_pending" && ctx.ledger.isOpen(record)) {
      const inProgress = ctx.ledger.cancelPayment(record, kind, details, fault.pendingMs ?? ctx.config.pendingMs);
      record.faults.push(fault.kind);
      return answer(ctx, record, inProgress, "", "1145");
    }
    const cancellation = ctx.ledger.cancelPayment(record, kind, details);
    const respmsg =
      cancellation.was === "failed"
        ? "nothing to undo: the payment failed"
        : cancellation.was === "paid"
          ? "paid Alipay payment revoked and refunded"
          : "OK";
    return answer(ctx, record, cancellation, respmsg);
  };
}

export const handleReversal = cancelHandler("reversal");
export const handleClose = cancelHandler("close");
