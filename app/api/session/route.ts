import { NextResponse } from "next/server";
import { tillLockMs } from "@/lib/auth/policy";
import { scanProofFor } from "@/lib/auth/scan-proof";
import { withStaff } from "@/lib/http/with-staff";
import type { TillSession } from "@/lib/contract/till";

export const dynamic = "force-dynamic";

// GET /api/session – who is at this till now (checked against the server-side session), when the
// till locks itself, and the scan proof its queued payments carry (lib/auth/scan-proof.ts)
export const GET = withStaff(async (_req, { staff }) => {
  const body: TillSession = {
    staff: { id: staff.id, username: staff.username, role: staff.role },
    method: staff.method,
    lockAfterMs: tillLockMs,
    scanProof: scanProofFor(staff.sessionId),
  };
  return NextResponse.json(body, { headers: { "cache-control": "no-store" } });
});
