/**
 * The server-side resolver: drives every open payment and refund to a final state without any
 * browser (issue 3). It runs in each app process, resumes whatever was left open when the app
 * restarts, and shares the work with other instances through row leases.
 */
import "server-only";
import { withLockedPayment, writePaymentChange, findPayment } from "./ledger-writes";
import { withLockedRefund, writeRefundChange } from "./refund-writes";
import type { PaymentRow } from "@/lib/db/schema";
import { claimDuePayments, claimDueRefunds, findUnsentPayments, INSTANCE_ID, releaseClaims } from "./resolver-claims";
import { resolvePayments } from "./resolve-payments";
import { resolveRefunds } from "./resolve-refunds";

/** A payment row written but never sent is given this long for its request to go out. */
const UNSENT_GRACE_MS = 10_000;
const TICK_MS = 250;

/** One pass: close never-sent payments and refunds, then resolve what is due. Returns the rows worked. */
export async function runResolverOnce(owner = INSTANCE_ID, now = new Date()): Promise<number> {
  for (const outTradeNo of await findUnsentPayments(new Date(now.getTime() - UNSENT_GRACE_MS))) {
    await withLockedPayment(outTradeNo, async (trx, row) => {
      if (!row || row.status !== "pending" || row.sent_at !== null) return row;
      // sent_at is written before the request leaves, so QFPay has never seen this payment.
      return writePaymentChange(trx, row, {
        to: "cancelled",
        actor: "resolver",
        note: "never sent to QFPay (the server stopped first): nothing was charged",
      });
    });
  }
  for (const outTradeNo of await findUnsentPayments(new Date(now.getTime() - UNSENT_GRACE_MS), "refunds")) {
    await withLockedRefund(outTradeNo, async (trx, row) => {
      if (!row || row.status !== "pending" || row.sent_at !== null) return row;
      // As for payments: QFPay never saw it, so no money moved, and the payment may be refunded again.
      return writeRefundChange(trx, row, {
        to: "failed",
        fields: { failure_reason: "refused", message: "never sent to QFPay: nothing was refunded" },
        actor: "resolver",
        note: "never sent to QFPay (the server stopped first): nothing was refunded",
      });
    });
  }
  const payments = await claimDuePayments(owner, now);
  try {
    if (payments.length) await resolvePayments(payments, owner, now);
  } finally {
    releaseClaims(payments);
  }
  const refunds = await claimDueRefunds(owner, now);
  try {
    if (refunds.length) await resolveRefunds(refunds, owner, now);
  } finally {
    releaseClaims(refunds);
  }
  return payments.length + refunds.length;
}

const loopState = globalThis as typeof globalThis & { __scantillResolver?: { stop(): void } };

/** Starts the resolver loop once per process (idempotent). */
export function startResolverLoop(): { stop(): void } {
  if (loopState.__scantillResolver) return loopState.__scantillResolver;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const tick = async () => {
    try {
      await runResolverOnce();
    } catch (error) {
      console.error("[resolver] pass failed; retrying", error);
    }
    if (!stopped) timer = setTimeout(() => void tick(), TICK_MS);
  };
  timer = setTimeout(() => void tick(), 0);
  loopState.__scantillResolver = {
    stop() {
      stopped = true;
      clearTimeout(timer);
      loopState.__scantillResolver = undefined;
    },
  };
  return loopState.__scantillResolver;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Works one payment now (a cashier's cancel, a notification) until it is final or `budgetMs`
 * runs out, waiting for its next check in between. Another instance holding its lease is waited for.
 */
export async function resolvePaymentNow(outTradeNo: string, budgetMs = 10_000): Promise<PaymentRow | undefined> {
  const deadline = Date.now() + budgetMs;
  let row = await findPayment(outTradeNo);
  while (row && row.status === "pending" && Date.now() < deadline) {
    const claimed = await claimDuePayments(INSTANCE_ID, new Date(), outTradeNo);
    try {
      if (claimed.length) await resolvePayments(claimed, INSTANCE_ID);
    } finally {
      releaseClaims(claimed);
    }
    row = await findPayment(outTradeNo);
    if (!row || row.status !== "pending") break;
    const due = row.next_check_at ? new Date(row.next_check_at).getTime() - Date.now() : 0;
    await sleep(Math.min(Math.max(due, 50), 1_000, Math.max(0, deadline - Date.now())));
  }
  return row;
}
