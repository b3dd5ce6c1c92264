import { NextResponse } from "next/server";
import { recordAudit } from "@/lib/audit/record";
import { requestFacts } from "@/lib/auth/request-facts";
import { endStaffSession } from "@/lib/auth/staff-sessions";
import type { LockAnswer } from "@/lib/contract/till";
import { getDb } from "@/lib/db";
import { withStaff } from "@/lib/http/with-staff";

export const dynamic = "force-dynamic";

// POST /api/session/lock – the till locks (idle, or the person stepped away): their session ends,
// they stay enrolled on this device and come back with their PIN
export const POST = withStaff(async (req, { staff }) => {
  const db = await getDb();
  if (await endStaffSession(db, staff.sessionId, "locked")) {
    await recordAudit(db, {
      action: "lock",
      actor: { id: staff.id, username: staff.username },
      deviceId: staff.deviceId,
      address: requestFacts(req.headers).address,
    });
  }
  const body: LockAnswer = { locked: true };
  return NextResponse.json(body, { headers: { "cache-control": "no-store" } });
});
