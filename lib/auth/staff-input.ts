/**
 * Request bodies of the staff API (issue 9), validated with zod. Pure: the route handlers use it.
 * Lengths are capped here only against abuse; staff-admin.ts says what a good password or PIN is.
 */
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { ROLES, type Role } from "./roles";

const role = z.enum(ROLES, { error: "role must be cashier, manager or owner" });
const password = z.string({ error: "password must be a string" }).max(1024, "the password is too long");
const pin = z.string({ error: "pin must be a string of 4 to 6 digits" }).max(32, "pin must be 4 to 6 digits");

export const addStaffBody = z.strictObject({
  username: z
    .string({ error: "username must be a string" })
    .trim()
    .toLowerCase()
    .min(1, "username is required")
    .max(64, "username is too long"),
  password,
  role,
  pin: pin.nullish().transform((v) => (v === "" ? null : v)),
});

const patchFields = z.strictObject({
  role: role.optional(),
  password: password.optional(),
  pin: pin.optional(),
  clearPin: z.literal(true, { error: "clearPin must be true" }).optional(),
  disabled: z.boolean({ error: "disabled must be true or false" }).optional(),
});

export type StaffPatch =
  | { kind: "role"; role: Role }
  | { kind: "password"; password: string }
  | { kind: "pin"; pin: string }
  | { kind: "clearPin" }
  | { kind: "disabled"; disabled: boolean };

/** One change per request: `{ role } | { password } | { pin } | { clearPin: true } | { disabled }`. */
export function parseStaffPatch(body: unknown): StaffPatch {
  const fields = patchFields.parse(body);
  const given = Object.entries(fields).filter(([, v]) => v !== undefined);
  if (given.length !== 1)
    throw new AppError("staff_change_one_field", "send exactly one of role, password, pin, clearPin or disabled");
  if (fields.role !== undefined) return { kind: "role", role: fields.role };
  if (fields.password !== undefined) return { kind: "password", password: fields.password };
  if (fields.pin !== undefined) return { kind: "pin", pin: fields.pin };
  if (fields.clearPin !== undefined) return { kind: "clearPin" };
  return { kind: "disabled", disabled: fields.disabled! };
}

const currentPassword = z
  .string({ error: "currentPassword is required" })
  .min(1, "currentPassword is required")
  .max(1024, "currentPassword is too long");

export const ownPinBody = z.strictObject({ currentPassword, pin });
export const ownPasswordBody = z.strictObject({ currentPassword, password });
