/**
 * The gateway's memory: every payment it has recorded and every code the wallet page has issued.
 *
 * A transaction's state is a function of its creation time and the clock, never of how often it was
 * queried (pending outcomes settle `pendingMs`/`slowMs` after creation). `stateOf` is the one place
 * that derives it, so reversal/close/refund (issue 3) can extend it by recording what happened to a
 * payment (`cancel`, later rows) rather than by mutating status fields in several places.
 */
import { IdFactory } from "./ids";
import { MAGIC_NUMBERS, OUTCOME_RULES, REUSED_CODE_RULE, outcomeFor, type Outcome, type OutcomeRule } from "./outcomes";
import { resperr } from "./respcd";
import { hkDateTime } from "./time";
import { echoedPayType, makeWalletCode, randomDigits, walletFor, type Wallet, type WalletKind } from "./wallets";

export type TxStatus = "paid" | "pending" | "failed";

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
};

export type PaymentRecord = {
  readonly orderType: "payment";
  readonly syssn: string;
  readonly outTradeNo: string;
  readonly authCode: string;
  readonly txamt: string;
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
  /** Epoch ms from which the transaction is final. */
  readonly settlesAt: number;
  /** Assigned at creation, shown only once paid. */
  readonly chnlsn: string;
  readonly cardcd: string;
  /** Query `cancel` field: "0" = not cancelled (API-FACTS §4). Reversal/refund (issue 3) will set it. */
  cancel: string;
  /** Original syssn; null on payments (API-FACTS §4 captured data). */
  origssn: string | null;
};

export type TxState = {
  respcd: string;
  status: TxStatus;
  /** Whether the customer's money has moved: only a paid transaction charges the wallet. */
  charged: boolean;
  resperr: string;
  sysdtm: string;
  /** Completion time when paid; otherwise the receipt time (QFPay's value for unpaid rows is UNKNOWN). */
  paydtm: string;
  chnlsn: string;
  cardcd: string;
};

export type IssuedCode = {
  code: string;
  wallet: Wallet;
  outcome: Outcome;
  issuedAt: number;
  expiresAt: number;
};

export type LedgerTiming = {
  pendingMs: number;
  slowMs: number;
  codeLifetimeMs: number;
};

export type RecordResult =
  | { kind: "recorded"; record: PaymentRecord }
  /** `out_trade_no` already used: rejected with 1251, nothing recorded, nothing charged. */
  | { kind: "duplicate_out_trade_no"; existing: PaymentRecord };

export class SandboxLedger {
  private readonly payments: PaymentRecord[] = [];
  private readonly byOutTradeNo = new Map<string, PaymentRecord>();
  private readonly bySyssn = new Map<string, PaymentRecord>();
  /** First presentation of each auth_code. */
  private readonly byAuthCode = new Map<string, PaymentRecord>();
  private readonly issued = new Map<string, IssuedCode>();
  private readonly ids = new IdFactory();

  constructor(
    readonly timing: LedgerTiming,
    readonly now: () => number = Date.now,
  ) {}

  /**
   * Records a payment attempt that reached "the wallet". `out_trade_no` must be unique across the
   * merchant's transactions and a reuse is rejected, never replayed (API-FACTS §3, §12). A code
   * presented before fails with 1202 even if its first use failed (§3 "single use", §10 Alipay).
   */
  recordPayment(input: PaymentInput): RecordResult {
    const existing = this.byOutTradeNo.get(input.outTradeNo);
    if (existing) return { kind: "duplicate_out_trade_no", existing };

    const createdAt = this.now();
    const reused = this.byAuthCode.has(input.authCode);
    const outcome = reused ? "reused_code" : outcomeFor(input.authCode, input.txamt);
    const rule = outcome === "reused_code" ? REUSED_CODE_RULE : OUTCOME_RULES[outcome];
    const delay = rule.settleAfter === "pendingMs" ? this.timing.pendingMs : rule.settleAfter === "slowMs" ? this.timing.slowMs : 0;
    const wallet = walletFor(input.payType, input.authCode);
    const record: PaymentRecord = {
      orderType: "payment",
      syssn: this.ids.syssn(createdAt),
      outTradeNo: input.outTradeNo,
      authCode: input.authCode,
      txamt: input.txamt,
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
      settlesAt: createdAt + delay,
      chnlsn: this.ids.chnlsn(wallet, createdAt),
      cardcd: this.ids.cardcd(wallet),
      cancel: "0",
      origssn: null,
    };
    this.payments.push(record);
    this.byOutTradeNo.set(record.outTradeNo, record);
    this.bySyssn.set(record.syssn, record);
    if (!reused) this.byAuthCode.set(record.authCode, record);
    return { kind: "recorded", record };
  }

  /** The transaction's state at `at` (default now), derived from its creation time. */
  stateOf(record: PaymentRecord, at: number = this.now()): TxState {
    const settled = at >= record.settlesAt;
    const respcd = settled || record.rule.whilePending === null ? record.rule.final : record.rule.whilePending;
    const status: TxStatus = !settled && record.rule.whilePending !== null ? "pending" : respcd === "0000" ? "paid" : "failed";
    const paid = status === "paid";
    const sysdtm = hkDateTime(record.createdAt);
    return {
      respcd,
      status,
      charged: paid,
      resperr: resperr(respcd),
      sysdtm,
      paydtm: paid ? hkDateTime(record.settlesAt) : sysdtm,
      chnlsn: paid ? record.chnlsn : "",
      cardcd: paid ? record.cardcd : "",
    };
  }

  /** Every recorded payment, oldest first. */
  all(): readonly PaymentRecord[] {
    return this.payments;
  }

  findBySyssn(syssn: string): PaymentRecord | undefined {
    return this.bySyssn.get(syssn);
  }

  findByOutTradeNo(outTradeNo: string): PaymentRecord | undefined {
    return this.byOutTradeNo.get(outTradeNo);
  }

  /** The payment that first presented `code`, if any. */
  findByAuthCode(code: string): PaymentRecord | undefined {
    return this.byAuthCode.get(code);
  }

  /**
   * A fresh code for the wallet page: never issued or presented before, in the wallet's format, its
   * last four digits the outcome's magic number (a `success` code avoids every magic tail).
   */
  issueCode(wallet: Wallet, outcome: Outcome): IssuedCode {
    const magic = OUTCOME_RULES[outcome].magic;
    for (;;) {
      const tail = magic ?? randomDigits(4);
      if (magic === null && MAGIC_NUMBERS.has(tail)) continue;
      const code = makeWalletCode(wallet, tail);
      if (this.issued.has(code) || this.byAuthCode.has(code)) continue;
      const issuedAt = this.now();
      const issued: IssuedCode = { code, wallet, outcome, issuedAt, expiresAt: issuedAt + this.timing.codeLifetimeMs };
      this.issued.set(code, issued);
      return issued;
    }
  }

  findIssuedCode(code: string): IssuedCode | undefined {
    return this.issued.get(code);
  }
}
