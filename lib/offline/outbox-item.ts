/**
 * The shape of one outbox item and the pure rules about it (BROWSER-SAFE, no I/O).
 *
 * Owns: `OutboxItem`, its stored shapes, its phases, `isOutstanding` (blocks sign-out) and `isUnsent`
 * (what the top bar counts). Must never: touch IndexedDB or the network.
 */
import type { ApiErrorDetail } from "@/lib/contract/error-body";
import type { PaymentStatus, PaymentView } from "@/lib/contract/payments";
import type { CodeSource } from "@/lib/scan/payment-code";

/**
 * - `queued`: written on the device; no send attempt has begun. Provably never reached the server.
 * - `maybe_sent`: a send attempt began (`lastSendStartedAt`); its answer was lost or is awaited.
 * - `at_server`: the server has it (a POST or GET answered with the payment); the code is deleted.
 * - `final`: the server's status is final (`isFinal`, lib/contract/payment-status.ts: no longer `pending`).
 * - `rejected`: our server refused it (400/409): nothing reached QFPay.
 * - `expired`: never reached the server and its code is too old: ask the customer for a fresh code.
 */
export const OUTBOX_PHASES = ["queued", "maybe_sent", "at_server", "final", "rejected", "expired"] as const;
export type OutboxPhase = (typeof OUTBOX_PHASES)[number];

export type OutboxItem = {
  /** Made on the device when the code was scanned; the only key ever sent for this payment. */
  outTradeNo: string;
  amount: number;
  currency: string;
  /** The customer's payment code: kept only until the server has the payment. */
  authCode: string | null;
  /**
   * The code's last four characters, kept after the code is deleted (named as in the API's
   * `PaymentView`). Items stored before issue 11 call it `codeLast4`: see `StoredOutboxItem`.
   */
  authCodeLast4: string;
  source: CodeSource;
  /** When the code was scanned (ms since epoch). */
  scannedAt: number;
  /**
   * Who was at the till when it was scanned, and the server's proof of it (lib/auth/scan-proof.ts):
   * sent later under another person's session, the server records both (issue 9). Null for items
   * stored before this existed: they are sent as the sender's.
   */
  scannedBy: { username: string; scanProof: string } | null;
  /** `scannedAt` + the code lifetime in force at the scan: no first send, and no resend, after this. */
  codeExpiresAt: number;
  /** Drain order. */
  createdAt: number;
  phase: OutboxPhase;
  /** Send attempts begun (each one written before its request left). */
  attempts: number;
  lastSendStartedAt: number | null;
  /** Null while an attempt is in flight, or if the page died during it. */
  lastSendEndedAt: number | null;
  /** The payment as the server last showed it. */
  payment: PaymentView | null;
  serverStatus: PaymentStatus | null;
  /** Why the server refused it (`rejected`). */
  error: ApiErrorDetail | null;
  /** The cashier asked to cancel it: never send it again, only look it up. */
  cancelRequested: boolean;
  /** The cashier saw the "ask for a fresh code" outcome and moved on. */
  dismissed: boolean;
  /** Earliest time the sync looks at it again. */
  nextActionAt: number;
  /**
   * When a lookup last found no record of it on the server; null once the server has it. Absent on
   * items stored before issue 10 (read as null).
   */
  notFoundAt?: number | null;
  updatedAt: number;
  /** IndexedDB lease (when Web Locks are missing): which tab works on it, until when. */
  leaseOwner: string | null;
  leaseUntil: number;
};

/**
 * An item as IndexedDB may hold it: the current shape, or one stored before issue 11 whose code's
 * last four are under `codeLast4`. Tills in the field keep such items across an upgrade, so every
 * read goes through `fromStored` (lib/offline/outbox.ts) rather than a database version step, which
 * would keep a new tab waiting until every tab of the older app is closed (that tab only misses the
 * last four of items the new one wrote).
 */
export type StoredOutboxItem = OutboxItem | (Omit<OutboxItem, "authCodeLast4"> & { codeLast4: string });

export type NewOutboxItem = Pick<
  OutboxItem,
  "outTradeNo" | "amount" | "currency" | "authCode" | "source" | "scannedAt"
> & {
  codeLifetimeMs: number;
  scannedBy?: OutboxItem["scannedBy"];
};

/** Unsent, or sent and not final yet: work this terminal still owes. Blocks sign-out. */
export function isOutstanding(item: OutboxItem): boolean {
  return item.phase === "queued" || item.phase === "maybe_sent" || item.phase === "at_server";
}

/**
 * Not yet known to the server: what the top bar's "Unsent" badge counts. A payment the server has
 * (waiting for the customer, or for QFPay) is shown by the sale screen, not as unsent (issue 10).
 */
export function isUnsent(item: OutboxItem): boolean {
  return item.phase === "queued" || item.phase === "maybe_sent";
}

/**
 * The outbox looks it up on the server (GET /api/payments/{outTradeNo}) until it is final, and each
 * answer reaches the screens through the query cache: no screen polls it as well (docs/performance.md §7).
 */
export function isPolledByOutbox(item: OutboxItem): boolean {
  return item.phase === "maybe_sent" || item.phase === "at_server";
}

export function newItem(input: NewOutboxItem, now: number): OutboxItem {
  if (!input.authCode) throw new Error("an outbox item needs its payment code");
  return {
    outTradeNo: input.outTradeNo,
    amount: input.amount,
    currency: input.currency,
    authCode: input.authCode,
    authCodeLast4: input.authCode.slice(-4),
    source: input.source,
    scannedAt: input.scannedAt,
    scannedBy: input.scannedBy ?? null,
    codeExpiresAt: input.scannedAt + input.codeLifetimeMs,
    createdAt: now,
    phase: "queued",
    attempts: 0,
    lastSendStartedAt: null,
    lastSendEndedAt: null,
    payment: null,
    serverStatus: null,
    error: null,
    cancelRequested: false,
    dismissed: false,
    nextActionAt: now,
    notFoundAt: null,
    updatedAt: now,
    leaseOwner: null,
    leaseUntil: 0,
  };
}
