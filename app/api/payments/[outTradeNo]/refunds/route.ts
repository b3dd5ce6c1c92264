import { authorizeAction } from "@/lib/auth/approval";
import { withApproval } from "@/lib/contract/approval";
import { requestFacts } from "@/lib/auth/request-facts";
import { AppError } from "@/lib/errors";
import { jsonAnswer } from "@/lib/http/json-answer";
import { readJsonBody } from "@/lib/http/read-json-body";
import { withStaff } from "@/lib/http/with-staff";
import { createRefund } from "@/lib/payments/create-refund";
import { createRefundInput } from "@/lib/contract/refunds";
import { OUT_TRADE_NO_PATTERN } from "@/lib/contract/out-trade-no";

export const dynamic = "force-dynamic";

// POST /api/payments/{outTradeNo}/refunds – refund all or part of a paid payment: a manager or owner,
// or a cashier with `approval` (a manager's PIN entered on the cashier's till)
export const POST = withStaff<{ outTradeNo: string }>(async (req, { staff, params }) => {
  if (!OUT_TRADE_NO_PATTERN.test(params.outTradeNo)) throw new AppError("payment_not_found", "no such payment");
  const body = await readJsonBody(req);
  // Who may refund is settled before what is refunded: a cashier without approval hears 403 first.
  const { approval } = withApproval.parse(body);
  const approvedBy = await authorizeAction({
    staff,
    minimum: "manager",
    approval,
    action: "refund",
    subject: params.outTradeNo,
    address: requestFacts(req.headers).address,
  });
  const input = createRefundInput.parse(body);
  const { created, refund } = await createRefund(params.outTradeNo, input, staff, { approvedBy });
  return jsonAnswer(refund, created ? 201 : 200);
});
