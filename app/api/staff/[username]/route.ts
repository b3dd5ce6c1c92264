import { NextResponse } from "next/server";
import { clearPin, disableStaff, enableStaff, listStaff, setPassword, setPin, setRole } from "@/lib/auth/staff-admin";
import type { ChangeResult, StaffPatchAnswer } from "@/lib/contract/staff";
import { parseStaffPatch } from "@/lib/auth/staff-input";
import { getDb } from "@/lib/db";
import { readJsonBody } from "@/lib/http/read-json-body";
import { answeringStaffAdminErrors, staffActor, usernameParam } from "@/lib/http/staff-admin-route";
import { withStaff } from "@/lib/http/with-staff";

export const dynamic = "force-dynamic";

// PATCH /api/staff/{username} – one change: { role } | { password } | { pin } | { clearPin: true } | { disabled }
// (owners: anyone but themselves; managers: cashiers, never a role; lib/auth/staff-rules.ts)
export const PATCH = withStaff<{ username: string }>(
  answeringStaffAdminErrors(async (req, { staff, params }) => {
    const username = usernameParam(params.username);
    const patch = parseStaffPatch(await readJsonBody(req));
    const db = await getDb();
    const actor = staffActor(staff, req);
    let result: ChangeResult;
    switch (patch.kind) {
      case "role":
        result = await setRole(db, actor, username, patch.role);
        break;
      case "password":
        result = await setPassword(db, actor, username, patch.password);
        break;
      case "pin":
        result = await setPin(db, actor, username, patch.pin);
        break;
      case "clearPin":
        result = await clearPin(db, actor, username);
        break;
      case "disabled":
        result = await (patch.disabled ? disableStaff : enableStaff)(db, actor, username);
        break;
    }
    const body: StaffPatchAnswer = {
      ...result,
      person: (await listStaff(db)).find((s) => s.username === username) ?? null,
    };
    return NextResponse.json(body, { headers: { "cache-control": "no-store" } });
  }),
  { role: "manager" },
);
