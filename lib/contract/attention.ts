/**
 * A manager's decision on a payment charged after the cashier was told it failed (issue 8):
 * `POST /api/payments/{outTradeNo}/attention` with `{ action }`. The ledger's side is
 * lib/payments/attention-actions.ts.
 */
import * as z from "zod/mini";
import { paymentView, refundView } from "./payments";

const ATTENTION_ACTIONS = ["keep", "refund"] as const;

export const attentionInput = z.object({
  action: z.enum(ATTENTION_ACTIONS, { error: 'action must be "keep" or "refund"' }),
});
export type AttentionAction = z.infer<typeof attentionInput>["action"];

/**
 * The answer (201 when this request took the decision, 200 when it was already taken): the payment
 * as it now stands and, for "refund", the refund it made (which may itself be pending or refused).
 */
export const attentionAnswer = z.object({
  created: z.boolean(),
  payment: paymentView,
  /** A refund this build cannot read is left out: the payment, read again, shows it. */
  refund: z.catch(z.nullable(refundView), null),
});
export type AttentionAnswer = z.infer<typeof attentionAnswer>;
