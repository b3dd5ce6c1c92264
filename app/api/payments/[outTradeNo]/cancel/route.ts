import { authorizeAction } from "@/lib/auth/approval";
import { withApproval } from "@/lib/contract/approval";
import { requestFacts } from "@/lib/auth/request-facts";
import { AppError } from "@/lib/errors";
import { jsonAnswer } from "@/lib/http/json-answer";
import { readOptionalJsonBody } from "@/lib/http/read-json-body";
import { withStaff } from "@/lib/http/with-staff";
import { cancelPayment, paymentOwners } from "@/lib/payments/cancel-payment";
import { OUT_TRADE_NO_PATTERN } from "@/lib/contract/out-trade-no";

export const dynamic = "force-dynamic";

// POST /api/payments/{outTradeNo}/cancel – the customer walked away: reverse or close it, answer how it ended.
// Staff cancel their own payments (scanned or sent by them); someone else's needs a manager, or a
// manager's `approval` on this till.
export const POST = withStaff<{ outTradeNo: string }>(async (req, { staff, params }) => {
  if (!OUT_TRADE_NO_PATTERN.test(params.outTradeNo)) throw new AppError("payment_not_found", "no such payment");
  const { approval } = withApproval.parse(await readOptionalJsonBody(req));
  const owners = await paymentOwners(params.outTradeNo);
  if (!owners) throw new AppError("payment_not_found", `no payment ${params.outTradeNo}`);
  const own = owners.includes(staff.username);
  const approvedBy = own
    ? null
    : await authorizeAction({
        staff,
        minimum: "manager",
        approval,
        action: "payment_cancel",
        subject: params.outTradeNo,
        address: requestFacts(req.headers).address,
      });
  return jsonAnswer(await cancelPayment(params.outTradeNo, staff, { approvedBy }));
});
