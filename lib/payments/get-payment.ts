import "server-only";
import { AppError } from "@/lib/errors";
import { findPayment } from "./ledger-writes";
import { loadPaymentView } from "./load-payment-views";
import type { PaymentView } from "@/lib/contract/payments";

/** One payment as the ledger knows it. Pending ones are settled by the resolver, not by reading. */
export async function getPayment(outTradeNo: string): Promise<PaymentView> {
  const row = await findPayment(outTradeNo);
  if (!row) throw new AppError("payment_not_found", `no payment ${outTradeNo}`);
  return loadPaymentView(row);
}
