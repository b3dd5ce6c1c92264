import { NextResponse } from "next/server";
import { changeOwnPin } from "@/lib/auth/staff-admin";
import { ownPinBody } from "@/lib/contract/staff";
import { getDb } from "@/lib/db";
import { readJsonBody } from "@/lib/http/read-json-body";
import { answeringStaffAdminErrors, selfActor } from "@/lib/http/staff-admin-route";
import { withStaff } from "@/lib/http/with-staff";

export const dynamic = "force-dynamic";

// POST /api/staff/me/pin – change your own PIN { currentPassword, pin } (anyone signed in)
export const POST = withStaff(
  answeringStaffAdminErrors(async (req, { staff }) => {
    const { currentPassword, pin } = ownPinBody.parse(await readJsonBody(req));
    const result = await changeOwnPin(await getDb(), selfActor(staff, req), currentPassword, pin);
    return NextResponse.json(result, { headers: { "cache-control": "no-store" } });
  }),
);
