import { hasRole } from "@/lib/auth/roles";
import { AppError } from "@/lib/errors";
import { jsonAnswer } from "@/lib/http/json-answer";
import { readJsonBody } from "@/lib/http/read-json-body";
import { withStaff } from "@/lib/http/with-staff";
import { createPayment } from "@/lib/payments/create-payment";
import { createPaymentInput, paymentListQuery, type PaymentList } from "@/lib/contract/payments";
import { listPayments } from "@/lib/payments/list-payments";

export const dynamic = "force-dynamic";

// POST /api/payments – take a CPM payment (201 new, 200 replay of the same outTradeNo)
export const POST = withStaff(async (req, { staff }) => {
  const input = createPaymentInput.parse(await readJsonBody(req));
  const { created, payment } = await createPayment(input, staff);
  return jsonAnswer(payment, created ? 201 : 200);
});

// GET /api/payments – the latest payments, newest first (?status= to filter, ?attention=1 for what a manager must look at, ?limit= up to 200)
export const GET = withStaff(async (req, { staff }) => {
  const params = req.nextUrl.searchParams;
  const query = paymentListQuery.parse({
    limit: params.get("limit") ?? undefined,
    status: params.get("status") ?? undefined,
    attention: params.get("attention") ?? undefined,
  });
  // What needs a manager is a manager's list (issue 9); the till shows cashiers only their count-free view.
  if ((query.attention || query.status === "needs_attention") && !hasRole(staff.role, "manager")) {
    throw new AppError("attention_list_managers_only", "the payments that need attention are for a manager or owner");
  }
  const body: PaymentList = { payments: await listPayments(query) };
  return jsonAnswer(body);
});
