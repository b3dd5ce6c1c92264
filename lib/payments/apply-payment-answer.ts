/**
 * Records QFPay's answer to /trade/v1/payment. Uncertain answers keep the payment pending and
 * schedule the resolver's first enquiry; they never fail it (docs/architecture.md §6.2, docs/qfpay.md §8, §9).
 * Only a code that proves nothing was charged fails it at once; any other failure code is
 * confirmed by enquiry first (issue 8, `classifyPaymentAnswer`).
 */
import "server-only";
import { env } from "@/lib/env";
import type { PaymentRow } from "@/lib/db/schema";
import type { PaymentAttempt } from "@/lib/qfpay/payments";
import { isOpen } from "@/lib/contract/payment-status";
import { nowIso, withLockedPayment, writePaymentChange } from "./ledger-writes";
import { fieldsFromRow } from "./settle-from-qfpay";

const ACTOR = "gateway";

function pendingNote(answer: PaymentAttempt): string {
  if (answer.unknownReason)
    return `no readable answer from QFPay (${answer.unknownReason}): outcome unknown, settle by enquiry`;
  if (answer.tentativeFailure) {
    return `QFPay answered ${answer.respcd ?? "?"}, a failure it does not document as "not charged": confirming by enquiry before telling the cashier`;
  }
  return `QFPay answered ${answer.respcd ?? "?"}: still processing`;
}

/**
 * The answer is what QFPay can tell us again: the row was committed, marked sent, before the
 * request left, so this commit does not wait for the disk; if a power cut loses it, the resolver
 * asks QFPay (docs/performance.md §8).
 */
export async function applyPaymentAnswer(outTradeNo: string, answer: PaymentAttempt): Promise<PaymentRow> {
  return withLockedPayment(
    outTradeNo,
    async (trx, row) => {
      if (!row) throw new Error(`payment ${outTradeNo} vanished from the ledger`);
      const known = { ...fieldsFromRow(answer, row), answered_at: nowIso() };

      if (!isOpen(row.status)) {
        // The resolver settled it first (a slow answer): a final state never moves
        // (docs/architecture.md §6.3); a disagreement is kept in the audit trail for a manager.
        const disagrees = answer.outcome.status !== "pending" && answer.outcome.status !== row.status;
        if (!disagrees) return row;
        return writePaymentChange(trx, row, {
          actor: ACTOR,
          respcd: answer.respcd,
          note: `late payment answer "${answer.outcome.status}" ignored: payment is already ${row.status}`,
        });
      }

      // Once a reversal/close has gone out, only an enquiry can say what happened to the money
      // (docs/qfpay.md §6): the answer is recorded but settles nothing.
      // A 0000 echoing another amount or currency is confirmed against QFPay's record (the enquiry
      // row), which calls a real difference a mismatch for a manager (issue 8).
      const echoDiffers =
        (answer.amount !== null && answer.amount !== Number(row.amount)) ||
        (answer.currency !== null && answer.currency !== row.currency);
      const outcome =
        Number(row.cancel_attempts) > 0 || (answer.outcome.status === "paid" && echoDiffers)
          ? { status: "pending" as const }
          : answer.outcome;
      switch (outcome.status) {
        case "paid":
          return writePaymentChange(trx, row, {
            to: "paid",
            fields: { ...known, failure_kind: null, next_check_at: null },
            actor: ACTOR,
            respcd: answer.respcd,
          });
        case "failed":
          return writePaymentChange(trx, row, {
            to: "failed",
            fields: { ...known, failure_kind: outcome.failureKind, next_check_at: null },
            actor: ACTOR,
            respcd: answer.respcd,
          });
        case "pending":
          return writePaymentChange(trx, row, {
            // A reversal in progress keeps its own schedule.
            fields: {
              ...known,
              tentative_failure_kind: answer.tentativeFailure,
              ...(row.resolve_phase
                ? {}
                : { next_check_at: new Date(Date.now() + env.PENDING_FIRST_QUERY_MS).toISOString() }),
            },
            actor: ACTOR,
            respcd: answer.respcd,
            note:
              Number(row.cancel_attempts) > 0
                ? `QFPay answered ${answer.respcd ?? "nothing readable"} after a reversal was sent: only the enquiry settles it`
                : answer.outcome.status === "paid" && echoDiffers
                  ? `QFPay answered 0000 for ${answer.amount ?? "?"} ${answer.currency ?? ""}, ours is ${row.amount} ${row.currency}: confirming by enquiry`
                  : pendingNote(answer),
          });
      }
    },
    "rederivable",
  );
}
