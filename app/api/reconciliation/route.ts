import { NextResponse } from "next/server";
import { withStaff } from "@/lib/http/with-staff";
import { getLatestReconciliation } from "@/lib/reconcile/latest";
import { reconcileDay } from "@/lib/reconcile/reconcile-day";
import type { ReconciliationResponse } from "@/lib/contract/reconcile";

export const dynamic = "force-dynamic";

const noStore = { "cache-control": "no-store" };

// GET /api/reconciliation?date=YYYY-MM-DD – reconcile that merchant day with QFPay now (manager or owner);
// GET /api/reconciliation?latest=1 – the last stored run instead (as /api/reconciliation/latest)
export const GET = withStaff(
  async (req, { staff }) => {
    const params = req.nextUrl.searchParams;
    if (params.get("latest") === "1")
      return NextResponse.json(await getLatestReconciliation(params.get("trigger")), { headers: noStore });
    const { id, report } = await reconcileDay(params.get("date"), {
      trigger: "manual",
      actor: `reconcile:staff:${staff.username}`,
    });
    const body: ReconciliationResponse = { id, ...report };
    return NextResponse.json(body, { headers: noStore });
  },
  { role: "manager" },
);
