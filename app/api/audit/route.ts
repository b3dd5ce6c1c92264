import { NextResponse } from "next/server";
import { parseAuditFilter, parseAuditPage } from "@/lib/audit/filter";
import { listAuditEvents } from "@/lib/audit/query";
import type { AuditList } from "@/lib/contract/audit";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { withStaff } from "@/lib/http/with-staff";

export const dynamic = "force-dynamic";

// GET /api/audit?from=&to=&action=&actor=&outcome=&before=&limit= – the audit trail, newest first (manager or owner)
export const GET = withStaff(
  async (req) => {
    const params = req.nextUrl.searchParams;
    const filter = parseAuditFilter(params, env.POS_TIME_ZONE);
    const body: AuditList = await listAuditEvents(await getDb(), filter, parseAuditPage(params));
    return NextResponse.json(body, { headers: { "cache-control": "no-store" } });
  },
  { role: "manager" },
);
