/**
 * The adversarial side of `/trade/v1/payment`: answers QFPay's documents allow that do not tell the
 * till what the customer was charged. Each one records the truth in the ledger (so
 * `/_sandbox/transactions` says what was charged) and spoils only what the till is told.
 *
 * Order, for one request that passed field validation:
 * 1. txdtm_skew (check): a request-level 1104, nothing recorded (docs/qfpay.md §3, §15.7: the tolerance is UNKNOWN).
 * 2. a reused out_trade_no: 1251, nothing recorded (done by the route, docs/qfpay.md §12).
 * 3. wrong_wallet_pay_type (always on with `walletCheck`, else a check): 1212, a failed attempt.
 * 4. code_expiry (check): 1202, a failed attempt.
 * 5. the request's own fault: pending_forever, charged_despite_failure, late_success,
 *    amount_mismatch, duplicate_1251.
 * Then, once recorded, the transaction-scope kinds (not_found_lag, companion_rows) are drawn.
 */
import type { SandboxContext } from "../context";
import type { ActiveFault, FaultKind } from "../faults";
import type { PaymentInput, PaymentRecord, PlanOverride, RecordOptions } from "../ledger";
import { PAYMENT_PATH } from "../paths";
import { parseHkDateTime } from "../time";
import { walletMismatch } from "../wallets";
import { refusal, type TradeAnswer } from "./answer";

/** Request kinds that change the payment itself; other request kinds (delay, reset_after, html500…) only spoil the answer. */
const PAYMENT_KINDS: ReadonlySet<FaultKind> = new Set([
  "pending_forever",
  "charged_despite_failure",
  "late_success",
  "amount_mismatch",
  "duplicate_1251",
]);

/** The answer of a late_success payment: a final failure (docs/qfpay.md §8 1205 "transaction failed, try later", FAIL-rescan). */
const LATE_SUCCESS_ANSWER = "1205";
/** The answer to a code of another wallet: see the README ("wrong_wallet_pay_type") for why 1212. */
const WRONG_WALLET_RESPCD = "1212";

/** A final failure at once: recorded with a syssn, never charged (docs/qfpay.md §3: failed attempts get a syssn). */
function failedAttempt(respcd: string): PlanOverride {
  return { answer: respcd, whilePending: null, final: respcd, delayMs: 0 };
}

/**
 * txdtm_skew: a till clock too far from QFPay's (HK time) is refused like a bad parameter: 1104,
 * not processed, not recorded, `out_trade_no` not used up.
 */
export function txdtmSkewRefusal(ctx: SandboxContext, input: PaymentInput): TradeAnswer | null {
  const sent = parseHkDateTime(input.txdtm);
  if (sent === null) return null;
  const skew = Math.abs(sent - ctx.ledger.now());
  const fault = ctx.faults.drawCheck(PAYMENT_PATH, (f) => f.kind === "txdtm_skew" && skew > (f.skewLimitMs ?? 0));
  if (!fault) return null;
  return refusal(
    "1104",
    "Request parameter error: txdtm",
    `txdtm is ${Math.round(skew / 1000)} s away from the gateway clock (Hong Kong time, UTC+8); at most ${Math.round((fault.skewLimitMs ?? 0) / 1000)} s is accepted`,
  );
}

type PaymentPlan = {
  options: RecordOptions;
  /** duplicate_1251: processed, but answered like a reused out_trade_no. */
  answerDuplicate: boolean;
};

/** How this payment is recorded: the checks (3, 4) and the request's own fault (5). */
export function planPayment(ctx: SandboxContext, input: PaymentInput, fault: ActiveFault | null): PaymentPlan {
  const noted = fault && !PAYMENT_KINDS.has(fault.kind) ? [fault.kind] : [];
  const plan = (options: RecordOptions, kind?: FaultKind, answerDuplicate = false): PaymentPlan => ({
    options: { ...options, faults: kind ? [...noted, kind] : noted },
    answerDuplicate,
  });

  if (walletMismatch(input.payType, input.authCode)) {
    const refused =
      ctx.config.walletCheck || ctx.faults.drawCheck(PAYMENT_PATH, (f) => f.kind === "wrong_wallet_pay_type") !== null;
    // The code never reached its own wallet, so it stays good for a payment under the right pay_type.
    if (refused)
      return plan({ plan: failedAttempt(WRONG_WALLET_RESPCD), presentsCode: false }, "wrong_wallet_pay_type");
  }

  const issued = ctx.ledger.findIssuedCode(input.authCode);
  if (issued) {
    const age = ctx.ledger.now() - issued.issuedAt;
    const lifetime = issued.expiresAt - issued.issuedAt;
    const expired = ctx.faults.drawCheck(
      PAYMENT_PATH,
      (f) => f.kind === "code_expiry" && age > (f.codeLifetimeMs ?? lifetime),
    );
    // docs/qfpay.md §10: WeChat codes live about a minute and the wallet refreshes them; an old code is 1202.
    if (expired) return plan({ plan: failedAttempt("1202") }, "code_expiry");
  }

  // A code presented before is refused by its wallet (1202) whatever the fault: nobody can be charged.
  const reused = ctx.ledger.findByAuthCode(input.authCode) !== undefined;
  switch (fault?.kind) {
    case "pending_forever":
      return plan({ pendingForever: true }, fault.kind);
    case "charged_despite_failure":
      // Charged at once (paid, notified) while the answer is a failure code the till may read as final.
      if (!reused)
        return plan(
          { plan: { answer: fault.respcd ?? "1297", whilePending: null, final: "0000", delayMs: 0 } },
          fault.kind,
        );
      break;
    case "late_success":
      // docs/qfpay.md §9 QF-FAQ Q4: the till is told it failed, the row says failed, then the customer completes.
      if (!reused)
        return plan(
          {
            plan: {
              answer: LATE_SUCCESS_ANSWER,
              whilePending: LATE_SUCCESS_ANSWER,
              final: "0000",
              delayMs: fault.lateMs ?? 5000,
            },
          },
          fault.kind,
        );
      break;
    case "amount_mismatch":
      if (!reused)
        return plan({ txamt: String(Math.max(1, Number(input.txamt) + (fault.amountDelta ?? 1))) }, fault.kind);
      break;
    case "duplicate_1251":
      return plan({ answerAs: "1251" }, fault.kind, true);
    default:
      break;
  }
  return plan({});
}

/** not_found_lag and companion_rows, decided once for the payment just recorded. */
export function applyTransactionFaults(ctx: SandboxContext, record: PaymentRecord): void {
  for (const fault of ctx.faults.drawForTransaction()) {
    if (fault.kind === "not_found_lag") ctx.shadows.hide(record, record.createdAt + (fault.lagMs ?? 0));
    else if (fault.kind === "companion_rows")
      ctx.shadows.addCompanion(record, fault.companion ?? "refund", ctx.ledger.newSyssn(record.createdAt));
    else continue;
    record.faults.push(fault.kind);
  }
}
