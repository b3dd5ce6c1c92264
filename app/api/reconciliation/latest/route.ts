import { NextResponse } from "next/server";
import { withStaff } from "@/lib/http/with-staff";
import { getLatestReconciliation } from "@/lib/reconcile/latest";

export const dynamic = "force-dynamic";

// GET /api/reconciliation/latest[?trigger=auto|manual|cli] – the last stored run (manager or owner)
export const GET = withStaff(
  async (req) =>
    NextResponse.json(await getLatestReconciliation(req.nextUrl.searchParams.get("trigger")), {
      headers: { "cache-control": "no-store" },
    }),
  { role: "manager" },
);
