import "server-only";
import { AppError } from "@/lib/errors";
import { findPayment } from "./ledger-writes";
import { toPaymentView } from "./payment-view";
import { settleByEnquiry } from "./settle-by-enquiry";
import type { PaymentView } from "./types";

/**
 * One payment, as the ledger knows it. While it is pending, reading it also runs the enquiry that
 * is due, so a cashier's screen polling a 1143 payment sees it settle.
 */
export async function getPayment(outTradeNo: string): Promise<PaymentView> {
  const row = await findPayment(outTradeNo);
  if (!row) throw new AppError("not_found", `no payment ${outTradeNo}`);
  return toPaymentView(await settleByEnquiry(row));
}
