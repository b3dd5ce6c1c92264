import { NextResponse } from "next/server";
import { AppError } from "@/lib/errors";
import { withStaff } from "@/lib/http/with-staff";
import { cancelPayment } from "@/lib/payments/cancel-payment";
import { OUT_TRADE_NO_PATTERN } from "@/lib/payments/out-trade-no";

export const dynamic = "force-dynamic";

// POST /api/payments/{outTradeNo}/cancel – the customer walked away: reverse or close it, answer how it ended
export const POST = withStaff<{ outTradeNo: string }>(async (_req, { staff, params }) => {
  if (!OUT_TRADE_NO_PATTERN.test(params.outTradeNo)) throw new AppError("not_found", "no such payment");
  return NextResponse.json(await cancelPayment(params.outTradeNo, staff), { headers: { "cache-control": "no-store" } });
});
