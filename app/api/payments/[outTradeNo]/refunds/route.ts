import { NextResponse } from "next/server";
import { AppError } from "@/lib/errors";
import { readJsonBody } from "@/lib/http/read-json-body";
import { withStaff } from "@/lib/http/with-staff";
import { createRefund } from "@/lib/payments/create-refund";
import { createRefundInput } from "@/lib/payments/create-refund-input";
import { OUT_TRADE_NO_PATTERN } from "@/lib/payments/out-trade-no";

export const dynamic = "force-dynamic";

// POST /api/payments/{outTradeNo}/refunds – refund all or part of a paid payment (manager or owner)
export const POST = withStaff<{ outTradeNo: string }>(
  async (req, { staff, params }) => {
    if (!OUT_TRADE_NO_PATTERN.test(params.outTradeNo)) throw new AppError("not_found", "no such payment");
    const input = createRefundInput.parse(await readJsonBody(req));
    const { created, refund } = await createRefund(params.outTradeNo, input, staff);
    return NextResponse.json(refund, { status: created ? 201 : 200, headers: { "cache-control": "no-store" } });
  },
  { role: "manager" },
);
