import { NextResponse, type NextRequest } from "next/server";
import { deviceCookieFrom, deviceFromCookie } from "@/lib/auth/devices";
import { enrolledStaff } from "@/lib/auth/staff-sessions";
import type { TillStaffList } from "@/lib/contract/till";
import { getDb } from "@/lib/db";
import { toErrorResponse } from "@/lib/http/with-staff";

export const dynamic = "force-dynamic";

// GET /api/till/staff – who may switch in by PIN on this device (the lock screen's list). Needs
// only this device's own cookie: another browser learns nothing.
export async function GET(req: NextRequest): Promise<Response> {
  try {
    const db = await getDb();
    const deviceId = await deviceFromCookie(
      db,
      deviceCookieFrom((name) => req.cookies.get(name)?.value),
    );
    const body: TillStaffList = {
      staff: deviceId
        ? (await enrolledStaff(db, deviceId)).map((s) => ({ username: s.username, role: s.role, hasPin: s.hasPin }))
        : [],
    };
    return NextResponse.json(body, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return toErrorResponse(error);
  }
}
