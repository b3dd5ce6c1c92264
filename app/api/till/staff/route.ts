import { NextResponse, type NextRequest } from "next/server";
import { tillStaffOf } from "@/lib/auth/staff-sessions";
import type { TillStaffList } from "@/lib/contract/till";
import { getDb } from "@/lib/db";
import { toErrorResponse } from "@/lib/http/with-staff";

export const dynamic = "force-dynamic";

// GET /api/till/staff – who may switch in by PIN on this device (the lock screen's list). Needs
// only this device's own cookie: another browser learns nothing.
export async function GET(req: NextRequest): Promise<Response> {
  try {
    const body: TillStaffList = { staff: await tillStaffOf(await getDb(), (name) => req.cookies.get(name)?.value) };
    return NextResponse.json(body, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return toErrorResponse(error);
  }
}
