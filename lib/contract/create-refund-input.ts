import { z } from "zod";
import { MAX_AMOUNT_MINOR } from "@/lib/money";
import { OUT_TRADE_NO_PATTERN } from "./out-trade-no";

/** What `POST /api/payments/{outTradeNo}/refunds` accepts. */
export const createRefundInput = z.object({
  amount: z
    .number({ error: "amount must be a whole number of minor units" })
    .int("amount must be a whole number of minor units")
    .positive("amount must be greater than zero")
    .max(MAX_AMOUNT_MINOR, `amount must be at most ${MAX_AMOUNT_MINOR} minor units`),
  outTradeNo: z
    .string({ error: "outTradeNo must be a string" })
    .regex(OUT_TRADE_NO_PATTERN, "outTradeNo must be 8–64 letters, digits, '_' or '-'")
    .optional(),
});

export type CreateRefundInput = z.infer<typeof createRefundInput>;
