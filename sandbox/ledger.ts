/**
 * The gateway's memory: every payment and refund it has recorded, the reversals/closes applied to
 * payments, and every code the wallet page has issued.
 *
 * A transaction's state is a function of the clock and of what happened to it (a reversal, refunds),
 * never of how often it was queried: pending outcomes settle `pendingMs`/`slowMs` after creation.
 * `stateOf` (payments) and `refundStateOf` (refunds) are the only places that derive a status, so
 * faults and reversals change a payment by recording facts (its settle plan, a `cancellation`,
 * `refunds`) rather than by mutating status fields in several places.
 *
 * Lookups by out_trade_no, syssn and auth_code are Map hits (the sandbox must hold up under a few
 * hundred payments with queries).
 */
import { IdFactory } from "./ids";
import { MAGIC_NUMBERS, OUTCOME_RULES, REUSED_CODE_RULE, outcomeFor, type Outcome, type OutcomeRule } from "./outcomes";
import { isPendingRowCode, resperr } from "./respcd";
import { hkDate8, hkDateTime } from "./time";
import { echoedPayType, makeWalletCode, randomDigits, walletFor, type Wallet, type WalletKind } from "./wallets";

/** `cancelled` = reversed or closed (whether or not it had been paid before). */
type TxStatus = "paid" | "pending" | "failed" | "cancelled";
type RefundStatus = "pending" | "refunded" | "failed";

/** A payment request that passed authentication and validation. */
export type PaymentInput = {
  outTradeNo: string;
  authCode: string;
  txamt: string;
  txcurrcd: string;
  /** pay_type as requested (may be the combined 800008). */
  payType: string;
  txdtm: string;
  udid: string;
  goodsName: string | null;
  /** Per-request `notify_url` (docs/qfpay.md §3, §7), if sent. */
  notifyUrl?: string | null;
};

/** A reversal (`/trade/v1/reversal`) or close (`/trade/v1/close`) applied to a payment (docs/qfpay.md §6). */
export type Cancellation = {
  readonly kind: "reversal" | "close";
  /** The reversal's own syssn (answered as `syssn`, with the payment's as `orig_syssn`). */
  readonly syssn: string;
  /** Epoch ms when it took effect. */
  readonly at: number;
  /** What the payment was when the request arrived: only `pending` and `paid` are changed by it. */
  readonly was: "pending" | "paid" | "failed";
  /**
   * When the payment's row shows the result. Equal to `at`, except for the reversal_pending fault:
   * until then the reversal is "in progress" (1145, §6) and the payment stays undecided.
   */
  readonly effectiveAt: number;
  readonly txdtm: string;
  readonly udid: string;
};

export type PaymentRecord = {
  readonly orderType: "payment";
  /** Creation order across payments and refunds (query answers are newest first). */
  readonly seq: number;
  readonly syssn: string;
  readonly outTradeNo: string;
  readonly authCode: string;
  /** The amount the wallet processed: what the customer pays if it succeeds (amount_mismatch makes it differ from the request). */
  readonly txamt: string;
  /** `txamt` as requested. */
  readonly requestedTxamt: string;
  readonly txcurrcd: string;
  readonly requestedPayType: string;
  /** pay_type echoed in answers (800008 resolved by code prefix, see wallets.ts). */
  readonly payType: string;
  readonly txdtm: string;
  readonly udid: string;
  readonly goodsName: string | null;
  readonly wallet: WalletKind;
  /** The magic outcome, or "reused_code" for a code presented before. */
  readonly outcome: Outcome | "reused_code";
  readonly rule: OutcomeRule;
  /** Epoch ms when the gateway received the request (`sysdtm`). */
  readonly createdAt: number;
  /**
   * The settle plan (`answer` … `answerWhenSettled`), copied from `rule` at creation. Faults change
   * it (pending_forever: 1143 until reversed; succeed_during_reversal: paid at the instant a reversal
   * arrives; the adversarial payment kinds replace it), the clock never does.
   *
   * `answer`: the respcd the /payment call answered (or would have, had a transport fault eaten it).
   */
  answer: string;
  /**
   * The row's respcd before `settlesAt`. 1143/1145 mean pending; any other code means the row shows
   * a failure until then (late_success: 1205, then paid).
   */
  whilePending: string | null;
  final: string;
  /** Epoch ms from which the transaction is final; Infinity = never on its own (pending_forever). */
  settlesAt: number;
  answerWhenSettled: boolean;
  /** Assigned at creation, shown only once paid. */
  readonly chnlsn: string;
  readonly cardcd: string;
  /** Set once by the first successful reversal/close; later ones repeat it. */
  cancellation: Cancellation | null;
  /** Refunds accepted for this payment, oldest first. */
  readonly refunds: RefundRecord[];
  readonly notifyUrl: string | null;
  /** Fault kinds that touched this transaction (for `/_sandbox/transactions`). */
  readonly faults: string[];
};

type RefundInput = {
  outTradeNo: string;
  txamt: string;
  txdtm: string;
  udid: string;
  notifyUrl: string | null;
};

/** How a refund settles: at once (answer = final = 0000) or after a pending spell. */
export type RefundPlan = { answer: string; whilePending: string | null; final: string; delayMs: number };

export type RefundRecord = {
  readonly orderType: "refund";
  readonly seq: number;
  readonly syssn: string;
  readonly outTradeNo: string;
  readonly txamt: string;
  readonly txcurrcd: string;
  readonly payType: string;
  readonly txdtm: string;
  readonly udid: string;
  readonly original: PaymentRecord;
  readonly createdAt: number;
  readonly answer: string;
  readonly whilePending: string | null;
  readonly final: string;
  readonly settlesAt: number;
  readonly chnlsn: string;
  readonly notifyUrl: string | null;
  readonly faults: string[];
};

export type LedgerRow = PaymentRecord | RefundRecord;

type TxState = {
  respcd: string;
  status: TxStatus;
  /** Whether the merchant keeps the customer's money: paid and not reversed/closed. */
  charged: boolean;
  /** Query `cancel` (docs/qfpay.md §4): 0 none, 1 reversed, 2 closed, 3 fully refunded, 5 partly refunded. */
  cancel: string;
  /** Sum of refunds that have succeeded, minor units. */
  refunded: number;
  resperr: string;
  sysdtm: string;
  /** Completion time when paid; otherwise the receipt time (QFPay's value for unpaid rows is UNKNOWN). */
  paydtm: string;
  chnlsn: string;
  cardcd: string;
};

type RefundState = {
  respcd: string;
  status: RefundStatus;
  resperr: string;
  sysdtm: string;
  paydtm: string;
};

export type IssuedCode = {
  code: string;
  wallet: Wallet;
  outcome: Outcome;
  issuedAt: number;
  expiresAt: number;
  /** Pending spell for this code's payment, replacing the sandbox's `pendingMs`/`slowMs`; null = default. */
  pendingMs: number | null;
};

type LedgerTiming = {
  pendingMs: number;
  slowMs: number;
  codeLifetimeMs: number;
};

type RecordResult =
  | { kind: "recorded"; record: PaymentRecord }
  /** `out_trade_no` already used (by a payment or a refund): rejected with 1251, nothing recorded, nothing charged. */
  | { kind: "duplicate_out_trade_no"; existing: LedgerRow };

/** A settle plan that replaces the magic table's (adversarial faults decide the outcome themselves). */
export type PlanOverride = { answer: string; whilePending: string | null; final: string; delayMs: number };

export type RecordOptions = {
  /** The pending_forever fault: answer 1143 and stay pending until reversed/closed. */
  pendingForever?: boolean;
  /** Replaces the outcome's settle plan (charged_despite_failure, late_success, code_expiry, wrong_wallet_pay_type). */
  plan?: PlanOverride;
  /** Only what the answer said, the outcome is untouched (duplicate_1251). */
  answerAs?: string;
  /** The amount the wallet charges instead of the requested one (amount_mismatch). */
  txamt?: string;
  /** false: the code never reached its own wallet (refused by another wallet's channel), so it stays usable. Default true. */
  presentsCode?: boolean;
  /** Fault kinds to note on the record. */
  faults?: readonly string[];
};

/** The most a per-code pending spell may last (`GET /_sandbox/code?pendingMs=`). */
export const MAX_CODE_PENDING_MS = 600_000;

export class SandboxLedger {
  private readonly payments: PaymentRecord[] = [];
  private readonly everyRow: LedgerRow[] = [];
  /** out_trade_no is one namespace for payments and refunds (docs/qfpay.md §3, §12). */
  private readonly byOutTradeNo = new Map<string, LedgerRow>();
  private readonly bySyssn = new Map<string, LedgerRow>();
  /** First presentation of each auth_code. */
  private readonly byAuthCode = new Map<string, PaymentRecord>();
  private readonly issued = new Map<string, IssuedCode>();
  private readonly ids = new IdFactory();
  private sequence = 0;
  /** Called after a row is recorded or changed (settle plan, reversal); the notifier listens. */
  onChange: ((row: LedgerRow) => void) | null = null;

  constructor(
    readonly timing: LedgerTiming,
    readonly now: () => number = Date.now,
  ) {}

  /**
   * Records a payment attempt that reached "the wallet". `out_trade_no` must be unique across the
   * merchant's payments and refunds and a reuse is rejected, never replayed (docs/qfpay.md §3, §12). A
   * code presented before fails with 1202 even if its first use failed (§3 "single use", §10 Alipay).
   */
  recordPayment(input: PaymentInput, options: RecordOptions = {}): RecordResult {
    const existing = this.byOutTradeNo.get(input.outTradeNo);
    if (existing) return { kind: "duplicate_out_trade_no", existing };

    const createdAt = this.now();
    const reused = this.byAuthCode.has(input.authCode);
    const outcome = reused ? "reused_code" : outcomeFor(input.authCode, input.txamt);
    const rule = outcome === "reused_code" ? REUSED_CODE_RULE : OUTCOME_RULES[outcome];
    const perCode = reused ? null : (this.issued.get(input.authCode)?.pendingMs ?? null);
    const delay =
      rule.settleAfter === "none"
        ? 0
        : (perCode ?? (rule.settleAfter === "pendingMs" ? this.timing.pendingMs : this.timing.slowMs));
    const wallet = walletFor(input.payType, input.authCode);
    const forever = options.pendingForever === true;
    const plan = options.plan;
    const record: PaymentRecord = {
      orderType: "payment",
      seq: ++this.sequence,
      syssn: this.ids.syssn(createdAt),
      outTradeNo: input.outTradeNo,
      authCode: input.authCode,
      txamt: options.txamt ?? input.txamt,
      requestedTxamt: input.txamt,
      txcurrcd: input.txcurrcd,
      requestedPayType: input.payType,
      payType: echoedPayType(input.payType, input.authCode),
      txdtm: input.txdtm,
      udid: input.udid,
      goodsName: input.goodsName,
      wallet,
      outcome,
      rule,
      createdAt,
      answer: options.answerAs ?? plan?.answer ?? (forever ? "1143" : rule.answer),
      whilePending: plan ? plan.whilePending : forever ? "1143" : rule.whilePending,
      final: plan ? plan.final : forever ? "0000" : rule.final,
      settlesAt: plan ? createdAt + plan.delayMs : forever ? Number.POSITIVE_INFINITY : createdAt + delay,
      answerWhenSettled: plan || forever ? false : rule.answerWhenSettled,
      chnlsn: this.ids.chnlsn(wallet, createdAt),
      cardcd: this.ids.cardcd(wallet),
      cancellation: null,
      refunds: [],
      notifyUrl: input.notifyUrl ?? null,
      faults: [...(options.faults ?? [])],
    };
    this.payments.push(record);
    this.everyRow.push(record);
    this.byOutTradeNo.set(record.outTradeNo, record);
    this.bySyssn.set(record.syssn, record);
    if (!reused && options.presentsCode !== false) this.byAuthCode.set(record.authCode, record);
    this.onChange?.(record);
    return { kind: "recorded", record };
  }

  /** The payment's state at `at` (default now). */
  stateOf(record: PaymentRecord, at: number = this.now()): TxState {
    const sysdtm = hkDateTime(record.createdAt);
    const c = record.cancellation;
    if (c && at >= c.at && c.was !== "failed") {
      if (c.was === "pending") {
        if (at < c.effectiveAt) {
          // reversal_pending: the reversal is in progress (§6: 1143/1145 = in progress ⇒ query), so
          // the payment is undecided: pending, not charged, not yet cancelled.
          return {
            respcd: "1145",
            status: "pending",
            charged: false,
            cancel: "0",
            refunded: 0,
            resperr: resperr("1145"),
            sysdtm,
            paydtm: sysdtm,
            chnlsn: "",
            cardcd: "",
          };
        }
        // Our reading (docs/qfpay.md §6, §8, §9 "query until the row is final: 0000 with cancel 1/2, or a
        // failure code"): an unpaid payment that was reversed/closed is final and not charged; its row
        // shows 1263 "order cancelled" (reversal, cancel 1) or 1142 "order closed" (close, cancel 2).
        const respcd = c.kind === "reversal" ? "1263" : "1142";
        return {
          respcd,
          status: "cancelled",
          charged: false,
          cancel: c.kind === "reversal" ? "1" : "2",
          refunded: 0,
          resperr: resperr(respcd),
          sysdtm,
          paydtm: sysdtm,
          chnlsn: "",
          cardcd: "",
        };
      }
      // A paid Alipay payment revoked by /reversal is refunded (§6 "revoking an Alipay order refunds
      // it even if it was paid"): the row keeps 0000 and only cancel 1 says it was undone (§4 pitfall).
      return {
        respcd: "0000",
        status: "cancelled",
        charged: false,
        cancel: "1",
        refunded: Number(record.txamt),
        resperr: resperr("0000"),
        sysdtm,
        paydtm: hkDateTime(record.settlesAt),
        chnlsn: record.chnlsn,
        cardcd: record.cardcd,
      };
    }
    const settled = at >= record.settlesAt;
    const respcd = settled || record.whilePending === null ? record.final : record.whilePending;
    // Only 1143/1145 read as pending (§4); a late_success row shows its failure code until it pays.
    const status: TxStatus = respcd === "0000" ? "paid" : !settled && isPendingRowCode(respcd) ? "pending" : "failed";
    const paid = status === "paid";
    const refunded = paid ? this.refundedAmount(record, at) : 0;
    // §4 cancel: 3 = refunded, 5 = partially refunded (captured: 0000 + cancel 5); respcd stays 0000.
    const cancel = refunded === 0 ? "0" : refunded >= Number(record.txamt) ? "3" : "5";
    return {
      respcd,
      status,
      charged: paid,
      cancel,
      refunded,
      resperr: resperr(respcd),
      sysdtm,
      paydtm: paid ? hkDateTime(record.settlesAt) : sysdtm,
      chnlsn: paid ? record.chnlsn : "",
      cardcd: paid ? record.cardcd : "",
    };
  }

  refundStateOf(refund: RefundRecord, at: number = this.now()): RefundState {
    const settled = at >= refund.settlesAt;
    const respcd = settled || refund.whilePending === null ? refund.final : refund.whilePending;
    const status: RefundStatus =
      !settled && refund.whilePending !== null ? "pending" : respcd === "0000" ? "refunded" : "failed";
    const sysdtm = hkDateTime(refund.createdAt);
    return {
      respcd,
      status,
      resperr: resperr(respcd),
      sysdtm,
      paydtm: status === "refunded" ? hkDateTime(refund.settlesAt) : sysdtm,
    };
  }

  /** Sum of this payment's refunds that have succeeded by `at`. */
  refundedAmount(record: PaymentRecord, at: number = this.now()): number {
    let sum = 0;
    for (const refund of record.refunds)
      if (this.refundStateOf(refund, at).status === "refunded") sum += Number(refund.txamt);
    return sum;
  }

  /** Refunds that will or did move money (pending + succeeded): what counts against the original (§5, 1272). */
  committedRefunds(record: PaymentRecord, at: number = this.now()): number {
    let sum = 0;
    for (const refund of record.refunds)
      if (this.refundStateOf(refund, at).status !== "failed") sum += Number(refund.txamt);
    return sum;
  }

  hasPendingRefund(record: PaymentRecord, at: number = this.now()): boolean {
    return record.refunds.some((refund) => this.refundStateOf(refund, at).status === "pending");
  }

  /**
   * Today's (HK calendar day) takings of one wallet that refunds can draw on (§5, 1269): charged
   * payments made today minus refunds requested today for that wallet.
   */
  sameDayTakings(wallet: WalletKind, at: number = this.now()): number {
    const today = hkDate8(at);
    let sum = 0;
    for (const row of this.everyRow) {
      if (hkDate8(row.createdAt) !== today) continue;
      if (row.orderType === "payment") {
        if (row.wallet === wallet && this.stateOf(row, at).charged) sum += Number(row.txamt);
      } else if (row.original.wallet === wallet && this.refundStateOf(row, at).status !== "failed") {
        sum -= Number(row.txamt);
      }
    }
    return sum;
  }

  /**
   * Whether the wallet order is still open at `at`: not final yet, whatever its row shows. True for
   * pending payments and for a late_success payment in its "failed" spell (the customer can still
   * complete it, QF-FAQ Q4 in §9), so a reversal/close cancels it like a pending one.
   */
  isOpen(record: PaymentRecord, at: number = this.now()): boolean {
    const c = record.cancellation;
    if (c && c.was !== "failed") return false;
    return at < record.settlesAt && record.whilePending !== null;
  }

  /** Whether a reversal_pending cancellation is still in progress at `at`. */
  cancellationInProgress(record: PaymentRecord, at: number = this.now()): boolean {
    const c = record.cancellation;
    return c !== null && c.was === "pending" && at < c.effectiveAt;
  }

  /** The next instant after `at` at which the payment's state changes on its own, or null if never. */
  nextChangeAt(record: PaymentRecord, at: number = this.now()): number | null {
    const c = record.cancellation;
    if (c && c.was !== "failed") return c.effectiveAt > at ? c.effectiveAt : null;
    return Number.isFinite(record.settlesAt) && record.settlesAt > at ? record.settlesAt : null;
  }

  /**
   * Applies a reversal/close (the route decides whether it is allowed). The first one is kept; a
   * repeat returns it unchanged. `inProgressMs` > 0 (reversal_pending) delays its effect on an open
   * payment: meanwhile the payment stays undecided.
   */
  cancelPayment(
    record: PaymentRecord,
    kind: Cancellation["kind"],
    details: { txdtm: string; udid: string },
    inProgressMs = 0,
  ): Cancellation {
    if (record.cancellation) return record.cancellation;
    const at = this.now();
    const status = this.stateOf(record, at).status;
    const was: Cancellation["was"] = this.isOpen(record, at) ? "pending" : status === "paid" ? "paid" : "failed";
    const effectiveAt = was === "pending" ? at + inProgressMs : at;
    record.cancellation = {
      kind,
      syssn: this.ids.syssn(at),
      at,
      was,
      effectiveAt,
      txdtm: details.txdtm,
      udid: details.udid,
    };
    this.onChange?.(record);
    return record.cancellation;
  }

  /** A fresh syssn (for rows the enquiry shows that are not ledger transactions: companion_rows). */
  newSyssn(at: number = this.now()): string {
    return this.ids.syssn(at);
  }

  /** The succeed_during_reversal fault: a pending payment is paid at this instant. */
  settleAsPaidNow(record: PaymentRecord, fault: string): void {
    record.settlesAt = this.now();
    record.final = "0000";
    record.faults.push(fault);
    this.onChange?.(record);
  }

  /** Records an accepted refund (the route has checked every rule). */
  recordRefund(
    original: PaymentRecord,
    input: RefundInput,
    plan: RefundPlan,
    faults: readonly string[] = [],
  ): RefundRecord {
    const createdAt = this.now();
    const refund: RefundRecord = {
      orderType: "refund",
      seq: ++this.sequence,
      syssn: this.ids.syssn(createdAt),
      outTradeNo: input.outTradeNo,
      txamt: input.txamt,
      txcurrcd: original.txcurrcd,
      payType: original.payType,
      txdtm: input.txdtm,
      udid: input.udid,
      original,
      createdAt,
      answer: plan.answer,
      whilePending: plan.whilePending,
      final: plan.final,
      settlesAt: createdAt + plan.delayMs,
      chnlsn: this.ids.chnlsn(original.wallet, createdAt),
      notifyUrl: input.notifyUrl,
      faults: [...faults],
    };
    original.refunds.push(refund);
    this.everyRow.push(refund);
    this.byOutTradeNo.set(refund.outTradeNo, refund);
    this.bySyssn.set(refund.syssn, refund);
    this.onChange?.(refund);
    return refund;
  }

  /** Every recorded payment, oldest first. */
  all(): readonly PaymentRecord[] {
    return this.payments;
  }

  /** Every payment and refund, oldest first (what the enquiry searches). */
  rows(): readonly LedgerRow[] {
    return this.everyRow;
  }

  findBySyssn(syssn: string): PaymentRecord | undefined {
    const row = this.bySyssn.get(syssn);
    return row?.orderType === "payment" ? row : undefined;
  }

  findByOutTradeNo(outTradeNo: string): PaymentRecord | undefined {
    const row = this.byOutTradeNo.get(outTradeNo);
    return row?.orderType === "payment" ? row : undefined;
  }

  /** A payment or refund by its syssn. */
  findRowBySyssn(syssn: string): LedgerRow | undefined {
    return this.bySyssn.get(syssn);
  }

  /** A payment or refund by its out_trade_no (one namespace, §3). */
  findRowByOutTradeNo(outTradeNo: string): LedgerRow | undefined {
    return this.byOutTradeNo.get(outTradeNo);
  }

  /** The payment that first presented `code`, if any. */
  findByAuthCode(code: string): PaymentRecord | undefined {
    return this.byAuthCode.get(code);
  }

  /**
   * A fresh code for the wallet page: never issued or presented before, in the wallet's format, its
   * last four digits the outcome's magic number (a `success` code avoids every magic tail).
   * `pendingMs` replaces the sandbox's pending spell for this code's payment.
   */
  issueCode(wallet: Wallet, outcome: Outcome, pendingMs: number | null = null): IssuedCode {
    if (pendingMs !== null && (!Number.isInteger(pendingMs) || pendingMs < 0 || pendingMs > MAX_CODE_PENDING_MS)) {
      throw new RangeError(`pendingMs must be an integer from 0 to ${MAX_CODE_PENDING_MS}`);
    }
    const magic = OUTCOME_RULES[outcome].magic;
    for (;;) {
      const tail = magic ?? randomDigits(4);
      if (magic === null && MAGIC_NUMBERS.has(tail)) continue;
      const code = makeWalletCode(wallet, tail);
      if (this.issued.has(code) || this.byAuthCode.has(code)) continue;
      const issuedAt = this.now();
      const issued: IssuedCode = {
        code,
        wallet,
        outcome,
        issuedAt,
        expiresAt: issuedAt + this.timing.codeLifetimeMs,
        pendingMs,
      };
      this.issued.set(code, issued);
      return issued;
    }
  }

  findIssuedCode(code: string): IssuedCode | undefined {
    return this.issued.get(code);
  }
}
