/**
 * Records what QFPay said about a payment, from /trade/v1/payment or from an enquiry. Uncertain
 * answers keep the payment pending and schedule the next enquiry; they never fail it (ARCHITECTURE
 * rule 2, API-FACTS §8 and §9).
 */
import "server-only";
import { env } from "@/lib/env";
import type { PaymentRow } from "@/lib/db/schema";
import type { GatewayOutcome } from "@/lib/qfpay/outcome";
import { nowIso, withLockedPayment, writePaymentChange } from "./ledger-writes";

export type GatewayAnswer = {
  outcome: GatewayOutcome;
  respcd: string | null;
  message: string | null;
  syssn: string | null;
  /** Why we could not read an answer at all (timeout, reset, HTML page…). */
  unknownReason?: string | null;
};

export type AnswerSource = "payment" | "enquiry";

const inMs = (ms: number) => new Date(Date.now() + ms).toISOString();

export async function applyGatewayAnswer(outTradeNo: string, answer: GatewayAnswer, source: AnswerSource): Promise<PaymentRow> {
  return withLockedPayment(outTradeNo, async (trx, row) => {
    if (!row) throw new Error(`payment ${outTradeNo} vanished from the ledger`);
    const actor = source === "payment" ? "gateway" : "resolver";
    const answeredAt = source === "payment" ? { answered_at: nowIso() } : {};
    const known = {
      respcd: answer.respcd ?? row.respcd,
      message: answer.message ?? row.message,
      syssn: answer.syssn ?? row.syssn,
    };

    if (row.status !== "pending" && row.status !== "needs_attention") {
      // A late or repeated answer never moves a final state (ARCHITECTURE rule 3); keep a trace of
      // a disagreement so a manager can see it.
      const disagrees = answer.outcome.status !== "pending" && answer.outcome.status !== row.status;
      if (!disagrees) return row;
      return writePaymentChange(trx, row, {
        actor,
        respcd: answer.respcd,
        note: `late ${source} answer "${answer.outcome.status}" ignored: payment is already ${row.status}`,
      });
    }

    switch (answer.outcome.status) {
      case "paid":
        return writePaymentChange(trx, row, {
          to: "paid",
          fields: { ...known, ...answeredAt, failure_kind: null, next_check_at: null },
          actor,
          respcd: answer.respcd,
        });
      case "failed":
        return writePaymentChange(trx, row, {
          to: "failed",
          fields: { ...known, ...answeredAt, failure_kind: answer.outcome.failureKind, next_check_at: null },
          actor,
          respcd: answer.respcd,
        });
      case "pending": {
        const wait = source === "payment" ? env.PENDING_FIRST_QUERY_MS : env.PENDING_QUERY_INTERVAL_MS;
        const note =
          source === "payment"
            ? answer.unknownReason
              ? `no readable answer from QFPay (${answer.unknownReason}): outcome unknown, settle by enquiry`
              : `QFPay answered ${answer.respcd ?? "?"}: still processing`
            : null;
        return writePaymentChange(trx, row, {
          fields: { ...known, ...answeredAt, next_check_at: inMs(wait) },
          actor,
          respcd: answer.respcd,
          note,
        });
      }
    }
  });
}
