import { NextResponse } from "next/server";
import { changeOwnPassword } from "@/lib/auth/staff-admin";
import { ownPasswordBody } from "@/lib/contract/staff";
import { getDb } from "@/lib/db";
import { readJsonBody } from "@/lib/http/read-json-body";
import { answeringStaffAdminErrors, selfActor } from "@/lib/http/staff-admin-route";
import { withStaff } from "@/lib/http/with-staff";

export const dynamic = "force-dynamic";

// POST /api/staff/me/password – change your own password { currentPassword, password } (anyone signed in)
export const POST = withStaff(
  answeringStaffAdminErrors(async (req, { staff }) => {
    const { currentPassword, password } = ownPasswordBody.parse(await readJsonBody(req));
    const result = await changeOwnPassword(await getDb(), selfActor(staff, req), currentPassword, password);
    return NextResponse.json(result, { headers: { "cache-control": "no-store" } });
  }),
);
