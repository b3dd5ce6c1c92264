import { NextResponse } from "next/server";
import { requestFacts } from "@/lib/auth/request-facts";
import { lockTill } from "@/lib/auth/staff-sessions";
import type { LockAnswer } from "@/lib/contract/till";
import { getDb } from "@/lib/db";
import { withStaff } from "@/lib/http/with-staff";

export const dynamic = "force-dynamic";

// POST /api/session/lock – the till locks: the session ends, the person comes back with their PIN
export const POST = withStaff(async (req, { staff }) => {
  await lockTill(await getDb(), staff, requestFacts(req.headers).address);
  const body: LockAnswer = { locked: true };
  return NextResponse.json(body, { headers: { "cache-control": "no-store" } });
});
