import { AppError } from "@/lib/errors";
import { jsonAnswer } from "@/lib/http/json-answer";
import { readJsonBody } from "@/lib/http/read-json-body";
import { withStaff } from "@/lib/http/with-staff";
import { applyAttentionAction } from "@/lib/payments/attention-actions";
import { attentionInput } from "@/lib/contract/attention";
import { OUT_TRADE_NO_PATTERN } from "@/lib/contract/out-trade-no";

export const dynamic = "force-dynamic";

// POST /api/payments/{outTradeNo}/attention – a manager keeps or refunds a payment charged after the cashier was told it failed
export const POST = withStaff<{ outTradeNo: string }>(
  async (req, { staff, params }) => {
    if (!OUT_TRADE_NO_PATTERN.test(params.outTradeNo)) throw new AppError("payment_not_found", "no such payment");
    const { action } = attentionInput.parse(await readJsonBody(req));
    const result = await applyAttentionAction(params.outTradeNo, action, staff);
    return jsonAnswer(result, result.created ? 201 : 200);
  },
  { role: "manager" },
);
