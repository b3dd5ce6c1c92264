/**
 * A staff change request as the server reads it (issue 9): the body's shape is the contract's
 * (lib/contract/staff.ts); one change per request is the rule here.
 */
import { staffPatchBody } from "@/lib/contract/staff";
import { AppError } from "@/lib/errors";
import type { Role } from "./roles";

type StaffPatch =
  | { kind: "role"; role: Role }
  | { kind: "password"; password: string }
  | { kind: "pin"; pin: string }
  | { kind: "clearPin" }
  | { kind: "disabled"; disabled: boolean };

/** One change per request: `{ role } | { password } | { pin } | { clearPin: true } | { disabled }`. */
export function parseStaffPatch(body: unknown): StaffPatch {
  const fields = staffPatchBody.parse(body);
  const given = Object.entries(fields).filter(([, v]) => v !== undefined);
  if (given.length !== 1)
    throw new AppError("staff_change_one_field", "send exactly one of role, password, pin, clearPin or disabled");
  if (fields.role !== undefined) return { kind: "role", role: fields.role };
  if (fields.password !== undefined) return { kind: "password", password: fields.password };
  if (fields.pin !== undefined) return { kind: "pin", pin: fields.pin };
  if (fields.clearPin !== undefined) return { kind: "clearPin" };
  return { kind: "disabled", disabled: fields.disabled! };
}
