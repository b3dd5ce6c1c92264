/** `POST /trade/v1/payment` for CPM (docs/qfpay.md §3). */
import type { SandboxContext } from "../context";
import { delay } from "../http";
import type { PaymentInput, PaymentRecord } from "../ledger";
import { resperr } from "../respcd";
import { parseHkDateTime } from "../time";
import { isCpmPayType } from "../wallets";
import type { ActiveFault } from "../faults";
import { checkFields, type FieldCheck, type TradeAnswer } from "./answer";
import { applyTransactionFaults, planPayment, txdtmSkewRefusal } from "./payment-faults";

/** Responses show `udid: "qiantai2"` when the request sent none (docs/qfpay.md §3, [Inferred] default). */
export const DEFAULT_UDID = "qiantai2";

// Field types from docs/qfpay.md §3 "Parameters".
export const TXAMT_CHECK: FieldCheck = {
  field: "txamt",
  required: true,
  valid: (v) => /^[1-9]\d{0,10}$/.test(v),
  rule: "a positive integer in minor units, Int(11)",
};
export const TXDTM_CHECK: FieldCheck = {
  field: "txdtm",
  required: true,
  valid: (v) => parseHkDateTime(v) !== null,
  rule: "YYYY-MM-DD hh:mm:ss",
};
export const UDID_CHECK: FieldCheck = {
  field: "udid",
  required: false,
  valid: (v) => v.length <= 40,
  rule: "at most 40 characters",
};
export const NOTIFY_URL_CHECK: FieldCheck = {
  field: "notify_url",
  required: false,
  valid: (v) => v.length <= 256,
  rule: "at most 256 characters",
};
export const OUT_TRADE_NO_RULE = {
  valid: (v: string) => v.length <= 128 && !/[\u0000-\u001f]/.test(v),
  rule: "at most 128 characters",
};

const CHECKS: readonly FieldCheck[] = [
  TXAMT_CHECK,
  {
    field: "txcurrcd",
    required: true,
    valid: (v) => /^[A-Z]{3}$/.test(v),
    rule: "a 3-letter currency code such as HKD",
  },
  // Pay types the credentials are not enabled for answered 1104 "filter error" (§3).
  {
    field: "pay_type",
    required: true,
    valid: isCpmPayType,
    rule: "a CPM pay_type: 800008, 800108, 800208, 801008, 805808 or 800708",
  },
  { field: "out_trade_no", required: true, ...OUT_TRADE_NO_RULE },
  TXDTM_CHECK,
  // 1-128 letters/digits (§10 POS guidance); scanners' CR/LF must be stripped by the client.
  { field: "auth_code", required: true, valid: (v) => /^[0-9A-Za-z]{1,128}$/.test(v), rule: "1-128 letters or digits" },
  { field: "goods_name", required: false, valid: (v) => v.length <= 64, rule: "at most 64 characters" },
  UDID_CHECK,
  NOTIFY_URL_CHECK,
];

/** First missing or malformed field ⇒ 1104 (docs/qfpay.md §14 "Auth"). */
function validate(fields: ReadonlyMap<string, string>): { input: PaymentInput } | { refused: TradeAnswer } {
  const refused = checkFields(fields, CHECKS);
  if (refused) return { refused };
  const get = (name: string) => fields.get(name) ?? "";
  const input: PaymentInput = {
    outTradeNo: get("out_trade_no"),
    authCode: get("auth_code"),
    txamt: get("txamt"),
    txcurrcd: get("txcurrcd"),
    payType: get("pay_type"),
    txdtm: get("txdtm"),
    udid: get("udid") || DEFAULT_UDID,
    goodsName: fields.get("goods_name") || null,
    notifyUrl: fields.get("notify_url") || null,
  };
  return { input };
}

/**
 * The flat answer with string fields (docs/qfpay.md §3 "Response"). A failure answer carries the
 * attempt's syssn (§3: "assigned even for failed attempts") but no wallet ids: those exist only once
 * the money moved, and a till must not learn of a charge from a failure answer.
 */
function answerFor(ctx: SandboxContext, record: PaymentRecord): TradeAnswer {
  const state = ctx.ledger.stateOf(record);
  // A pending answer carries the plan's own code (1298 stays 1298 here, though the row says 1145).
  const respcd = record.answerWhenSettled ? state.respcd : record.answer;
  const ok = respcd === "0000";
  return {
    respcd,
    resperr: resperr(respcd),
    respmsg: ok ? "OK" : "",
    syssn: record.syssn,
    out_trade_no: record.outTradeNo,
    pay_type: record.payType,
    // The amount the wallet processed (amount_mismatch: not the one requested).
    txamt: record.txamt,
    txcurrcd: record.txcurrcd,
    txdtm: record.txdtm,
    sysdtm: state.sysdtm,
    paydtm: ok ? state.paydtm : state.sysdtm,
    udid: record.udid,
    chnlsn: ok ? state.chnlsn : "",
    cardcd: ok ? state.cardcd : "",
  };
}

/** Captured QFPay answer to a reused out_trade_no (docs/qfpay.md §5, §12): no syssn, nothing replayed. */
function duplicateAnswer(input: PaymentInput): TradeAnswer {
  return {
    respcd: "1251",
    resperr: resperr("1251"),
    respmsg: "out_trade_no is used",
    out_trade_no: input.outTradeNo,
    pay_type: input.payType,
    txamt: input.txamt,
    txcurrcd: input.txcurrcd,
    txdtm: input.txdtm,
    udid: input.udid,
  };
}

export async function handlePayment(
  ctx: SandboxContext,
  fields: ReadonlyMap<string, string>,
  fault: ActiveFault | null,
): Promise<TradeAnswer> {
  const validated = validate(fields);
  if ("refused" in validated) return validated.refused;
  const { input } = validated;

  const skewed = txdtmSkewRefusal(ctx, input);
  if (skewed) return skewed;
  // A reused out_trade_no (of a payment or a refund, §3) is rejected before anything else happens:
  // the existing record is untouched and nothing is charged again (§12).
  if (ctx.ledger.findRowByOutTradeNo(input.outTradeNo)) return duplicateAnswer(input);

  // Faults that act after processing (delay, reset_after, html500) are noted on the record too;
  // the payment faults (pending_forever, charged_despite_failure, …) shape it (payment-faults.ts).
  const plan = planPayment(ctx, input, fault);
  // A request's own notify_url is kept only if it is the configured one or allow-listed (notify.ts).
  const result = ctx.ledger.recordPayment(
    { ...input, notifyUrl: ctx.notifier.requestUrl(input.notifyUrl ?? null) },
    plan.options,
  );
  if (result.kind === "duplicate_out_trade_no") return duplicateAnswer(input);
  const { record } = result;
  applyTransactionFaults(ctx, record);
  // duplicate_1251: processed and charged as usual, but answered like a reused out_trade_no.
  if (plan.answerDuplicate) return duplicateAnswer(input);

  if (record.answerWhenSettled) {
    // The "slow answer": the transaction exists (and settles) on the gateway's clock while the
    // client waits; if the client gives up, the payment still completes.
    await delay(Math.max(0, record.settlesAt - ctx.ledger.now()), ctx.signal);
  }
  return answerFor(ctx, record);
}
