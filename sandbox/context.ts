/** What every route handler gets: the resolved settings, the state, a logger and the shutdown signal. */
import type { EnquiryShadows } from "./enquiry-shadows";
import type { FaultController } from "./faults";
import type { SandboxLedger } from "./ledger";
import type { Merchant } from "./merchant";
import type { Notifier } from "./notify";

/** Refund rules that QFPay applies per merchant/channel (docs/qfpay.md §5); all off by default. */
export type RefundPolicy = {
  /**
   * Same-day refundable balance (§5, 1269). null = unlimited; "takings" = today's (HK day) charged
   * takings of the payment's wallet minus today's refunds; a number = a pool in minor units that
   * every accepted refund draws down.
   */
  balance: number | "takings" | null;
  /** Refuse refunds of payments made 23:30–00:30 HK time with 1265 (§5 blackout). */
  blackout: boolean;
  /** Whether partial refunds are allowed; false ⇒ 1271 (§8). */
  partial: boolean;
};

export type SandboxConfig = {
  merchant: Merchant;
  pendingMs: number;
  slowMs: number;
  codeLifetimeMs: number;
  /** Bodies above this are refused with HTTP 413. */
  maxBodyBytes: number;
  /** The merchant's configured notification URL (§7), or null. */
  notifyUrl: string | null;
  /** Loopback origins a request's own `notify_url` may name (see Notifier.requestUrl). */
  notifyAllow: string[];
  /** Multiplier of the notification retry schedule (1 = QFPay's 2 min, 10 min, …). */
  notifyScale: number;
  /** Default seed of the fault PRNG. */
  seed: number;
  /**
   * Refuse a code of one wallet sent under another wallet's pay_type (1212, see routes/payment-faults.ts)
   * on every payment. false: only when a `wrong_wallet_pay_type` rule says so.
   */
  walletCheck: boolean;
};

export type SandboxContext = {
  config: SandboxConfig;
  ledger: SandboxLedger;
  faults: FaultController;
  notifier: Notifier;
  /** What the enquiry shows besides the ledger's truth (not_found_lag, companion_rows). */
  shadows: EnquiryShadows;
  /** Mutable: a numeric `balance` is drawn down by accepted refunds. */
  refundPolicy: RefundPolicy;
  log: (line: string) => void;
  /** Aborted when the sandbox closes: delayed answers stop waiting. */
  signal: AbortSignal;
};
