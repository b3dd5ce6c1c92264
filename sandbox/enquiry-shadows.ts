/**
 * What `/trade/v1/query` shows that is not the ledger's truth, per transaction:
 * - not_found_lag: for a while after its creation the enquiry does not find the payment. QFPay's
 *   not-found answer is UNKNOWN (docs/qfpay.md §4, §15.8) and nothing documents that a row is visible the
 *   instant /payment answers, so an empty `data` must never be read as "nothing charged".
 * - companion_rows: an extra row with the payment's `out_trade_no` that is not the payment (a refund
 *   row, or a row whose `origssn` is the payment's syssn). docs/qfpay.md §4 documents `order_type` and `origssn`
 *   and a query by out_trade_no returns a list, so a client must pick its payment's row by
 *   `order_type: "payment"` and `origssn == null` (or by syssn), never "the first row".
 *
 * Both are decided once per payment when it is recorded (fault scope "transaction"), so every later
 * enquiry tells the same story. The ledger's records, and `/_sandbox/transactions`, are untouched
 * apart from the fault name noted on the payment.
 */
import type { CompanionKind } from "./fault-kinds";
import type { PaymentRecord } from "./ledger";

export type CompanionRow = {
  readonly orderType: CompanionKind;
  readonly syssn: string;
  readonly payment: PaymentRecord;
};

export class EnquiryShadows {
  private readonly hiddenUntil = new WeakMap<PaymentRecord, number>();
  private readonly companions = new WeakMap<PaymentRecord, CompanionRow>();
  private readonly companionsBySyssn = new Map<string, CompanionRow>();

  /** not_found_lag: the enquiry does not find `payment` before `until` (epoch ms). */
  hide(payment: PaymentRecord, until: number): void {
    this.hiddenUntil.set(payment, until);
  }

  isHidden(payment: PaymentRecord, at: number): boolean {
    const until = this.hiddenUntil.get(payment);
    return until !== undefined && at < until;
  }

  /** companion_rows: gives `payment` a companion row with its own syssn. */
  addCompanion(payment: PaymentRecord, orderType: CompanionKind, syssn: string): CompanionRow {
    const companion: CompanionRow = { orderType, syssn, payment };
    this.companions.set(payment, companion);
    this.companionsBySyssn.set(syssn, companion);
    return companion;
  }

  companionOf(payment: PaymentRecord): CompanionRow | undefined {
    return this.companions.get(payment);
  }

  companionBySyssn(syssn: string): CompanionRow | undefined {
    return this.companionsBySyssn.get(syssn);
  }
}
