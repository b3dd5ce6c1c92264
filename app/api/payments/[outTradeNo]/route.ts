import { AppError } from "@/lib/errors";
import { jsonAnswer } from "@/lib/http/json-answer";
import { withStaff } from "@/lib/http/with-staff";
import { getPayment } from "@/lib/payments/get-payment";
import { OUT_TRADE_NO_PATTERN } from "@/lib/contract/out-trade-no";

export const dynamic = "force-dynamic";

// GET /api/payments/{outTradeNo} – one payment, with its refunds
export const GET = withStaff<{ outTradeNo: string }>(async (_req, { params }) => {
  if (!OUT_TRADE_NO_PATTERN.test(params.outTradeNo))
    throw new AppError("payment_not_found", `no payment ${params.outTradeNo.slice(0, 64)}`);
  return jsonAnswer(await getPayment(params.outTradeNo));
});
