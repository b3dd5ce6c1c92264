import { NextResponse } from "next/server";
import { addStaff, listStaff } from "@/lib/auth/staff-admin";
import { addStaffBody, type StaffList } from "@/lib/contract/staff";
import { getDb } from "@/lib/db";
import { readJsonBody } from "@/lib/http/read-json-body";
import { answeringStaffAdminErrors, staffActor } from "@/lib/http/staff-admin-route";
import { withStaff } from "@/lib/http/with-staff";

export const dynamic = "force-dynamic";

const noStore = { "cache-control": "no-store" };

// GET /api/staff – everyone, with role, state, whether they have a PIN and their last sign-in (manager or owner)
export const GET = withStaff(
  async () => {
    const body: StaffList = { staff: await listStaff(await getDb()) };
    return NextResponse.json(body, { headers: noStore });
  },
  { role: "manager" },
);

// POST /api/staff – add a person { username, password, role, pin? } (owners: any role; managers: cashiers)
export const POST = withStaff(
  answeringStaffAdminErrors(async (req, { staff }) => {
    const input = addStaffBody.parse(await readJsonBody(req));
    const person = await addStaff(await getDb(), staffActor(staff, req), input);
    return NextResponse.json(person, { status: 201, headers: noStore });
  }),
  { role: "manager" },
);
