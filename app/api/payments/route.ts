import { NextResponse } from "next/server";
import { z } from "zod";
import { readJsonBody } from "@/lib/http/read-json-body";
import { withStaff } from "@/lib/http/with-staff";
import { createPayment } from "@/lib/payments/create-payment";
import { createPaymentInput } from "@/lib/payments/create-payment-input";
import { listPayments } from "@/lib/payments/list-payments";
import { PAYMENT_STATUSES } from "@/lib/payments/types";

export const dynamic = "force-dynamic";

const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  status: z.enum(PAYMENT_STATUSES).optional(),
});

// POST /api/payments – take a CPM payment (201 new, 200 replay of the same outTradeNo)
export const POST = withStaff(async (req, { staff }) => {
  const input = createPaymentInput.parse(await readJsonBody(req));
  const { created, payment } = await createPayment(input, staff);
  return NextResponse.json(payment, { status: created ? 201 : 200, headers: { "cache-control": "no-store" } });
});

// GET /api/payments – the latest payments, newest first (?status= to filter, ?limit= up to 200)
export const GET = withStaff(async (req) => {
  const params = req.nextUrl.searchParams;
  const query = listQuery.parse({ limit: params.get("limit") ?? undefined, status: params.get("status") ?? undefined });
  return NextResponse.json({ payments: await listPayments(query) }, { headers: { "cache-control": "no-store" } });
});
