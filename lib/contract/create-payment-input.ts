/**
 * What `POST /api/payments` accepts. Pure zod schema: the route handler parses with it, and the
 * ledger trusts only what passed.
 */
import { z } from "zod";
import { CPM_PAY_TYPES } from "@/lib/env-schema";
import { MAX_AMOUNT_MINOR, isSupportedCurrency } from "@/lib/money";
import { OUT_TRADE_NO_PATTERN } from "./out-trade-no";

export const createPaymentInput = z.object({
  outTradeNo: z
    .string({ error: "outTradeNo must be a string" })
    .regex(OUT_TRADE_NO_PATTERN, "outTradeNo must be 8–64 letters, digits, '_' or '-'")
    .optional(),
  amount: z
    .number({ error: "amount must be a whole number of minor units (e.g. 1250 for HK$12.50)" })
    .int("amount must be a whole number of minor units (e.g. 1250 for HK$12.50)")
    .positive("amount must be greater than zero")
    .max(MAX_AMOUNT_MINOR, `amount must be at most ${MAX_AMOUNT_MINOR} minor units`),
  currency: z
    .string({ error: "currency must be a string" })
    .refine(isSupportedCurrency, "currency is not one QFPay supports")
    .optional(),
  // QFPay: auth_code String(128), single use (docs/qfpay.md §3, §10). Scanners may add spaces or CR/LF.
  authCode: z
    .string({ error: "authCode must be a string" })
    .transform((s) => s.replace(/\s+/g, ""))
    .pipe(z.string().regex(/^[0-9A-Za-z]{10,128}$/, "authCode must be 10–128 letters or digits")),
  payType: z.enum(CPM_PAY_TYPES, { error: `payType must be one of ${CPM_PAY_TYPES.join(", ")}` }).optional(),
  /** Who scanned it, when that may be someone other than the sender (a queued payment): lib/auth/scan-proof.ts. */
  scanProof: z.string({ error: "scanProof must be a string" }).max(200, "scanProof is too long").optional(),
});

export type CreatePaymentInput = z.infer<typeof createPaymentInput>;
