/**
 * What `POST /api/payments/{outTradeNo}/refunds` accepts (issue 11's contract; the refund it
 * answers is `refundView` in payments.ts). The body may also carry a manager's `approval`
 * (approval.ts), which the route reads first.
 */
import * as z from "zod/mini";
import { amountInput, outTradeNoInput } from "./payments";

/** `outTradeNo` is the refund's own key, made once by the till and reused on every resend. */
export const createRefundInput = z.object({
  amount: amountInput("amount must be a whole number of minor units"),
  outTradeNo: outTradeNoInput,
});
export type CreateRefundInput = z.infer<typeof createRefundInput>;
