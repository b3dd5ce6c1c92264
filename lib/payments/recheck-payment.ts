/**
 * Asks QFPay now about one payment the ledger holds as failed or cancelled (a success
 * notification arrived for it, issue 8). Applies what QFPay's record proves: a payment QFPay holds
 * charged goes to a manager ("charged after we told the cashier it failed"); nothing else moves.
 */
import "server-only";
import { qfpayConfigFromEnv } from "@/lib/qfpay/config";
import { queryInBatches } from "@/lib/qfpay/enquiry";
import { findPayment } from "./ledger-writes";
import { matchFor, sentAtOf } from "./resolve-payments";
import { settleFromQfpay } from "./settle-from-qfpay";
import type { PaymentRow } from "@/lib/db/schema";

export async function recheckPayment(outTradeNo: string, actor: string): Promise<PaymentRow | undefined> {
  const row = await findPayment(outTradeNo);
  if (!row || row.sent_at === null) return row;
  const config = qfpayConfigFromEnv();
  const findings = await queryInBatches({ ...config, queryBatchSize: 1 }, [{ outTradeNo, sentAt: sentAtOf(row) }]);
  const { match } = matchFor(row, findings);
  if (!match || match.kind === "missing") return row;
  return settleFromQfpay(outTradeNo, match, actor);
}
