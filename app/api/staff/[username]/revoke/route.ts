import { NextResponse } from "next/server";
import { revokeStaff } from "@/lib/auth/staff-admin";
import { getDb } from "@/lib/db";
import { answeringStaffAdminErrors, staffActor, usernameParam } from "@/lib/http/staff-admin-route";
import { withStaff } from "@/lib/http/with-staff";

export const dynamic = "force-dynamic";

// POST /api/staff/{username}/revoke – sign the person out on every till and device (no body)
export const POST = withStaff<{ username: string }>(
  answeringStaffAdminErrors(async (req, { staff, params }) => {
    const username = usernameParam(params.username);
    const result = await revokeStaff(await getDb(), staffActor(staff, req), username);
    return NextResponse.json(result, { headers: { "cache-control": "no-store" } });
  }),
  { role: "manager" },
);
