/**
 * The staff API (issue 9): `GET/POST /api/staff`, `PATCH /api/staff/{username}`,
 * `POST /api/staff/{username}/revoke`, `POST /api/staff/me/pin|password`. Lengths are capped here
 * only against abuse; lib/auth/staff-admin.ts says what a good username, password or PIN is and
 * answers its own refusal codes (docs/staff-and-audit.md).
 */
import * as z from "zod/mini";
import { ROLES } from "@/lib/auth/roles";

/** One person as the Staff screen lists them; also the JSON of `POST /api/staff` (201). */
export const staffListItem = z.object({
  id: z.string(),
  username: z.string(),
  role: z.enum(ROLES),
  disabled: z.boolean(),
  disabledAt: z.nullable(z.string()),
  hasPin: z.boolean(),
  isDemo: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.nullable(z.string()),
  lastSignInAt: z.nullable(z.string()),
});
export type StaffListItem = z.infer<typeof staffListItem>;

/** JSON of `GET /api/staff`. */
export const staffList = z.object({ staff: z.array(staffListItem) });
export type StaffList = z.infer<typeof staffList>;

/** JSON of a change (revoke, one's own PIN or password): false when it was already so. */
export const changeResult = z.object({ changed: z.boolean() });
export type ChangeResult = z.infer<typeof changeResult>;

/** JSON of `PATCH /api/staff/{username}`: the change, and the person as now listed. */
export const staffPatchAnswer = z.object({ changed: z.boolean(), person: z.nullable(staffListItem) });
export type StaffPatchAnswer = z.infer<typeof staffPatchAnswer>;

const role = z.enum(ROLES, { error: "role must be cashier, manager or owner" });
const password = z.string({ error: "password must be a string" }).check(z.maxLength(1024, "the password is too long"));
const pin = z
  .string({ error: "pin must be a string of 4 to 6 digits" })
  .check(z.maxLength(32, "pin must be 4 to 6 digits"));

/** `POST /api/staff`: a new person; an empty PIN is none. */
export const addStaffBody = z.strictObject({
  username: z
    .string({ error: "username must be a string" })
    .check(z.trim(), z.toLowerCase(), z.minLength(1, "username is required"), z.maxLength(64, "username is too long")),
  password,
  role,
  pin: z.optional(
    z.pipe(
      z.nullable(pin),
      z.transform((v) => (v === "" ? null : v)),
    ),
  ),
});
export type AddStaffBody = z.infer<typeof addStaffBody>;

/**
 * `PATCH /api/staff/{username}`: exactly one of `role`, `password`, `pin`, `clearPin: true` or
 * `disabled` (the server refuses more or fewer: lib/auth/staff-input.ts).
 */
export const staffPatchBody = z.strictObject({
  role: z.optional(role),
  password: z.optional(password),
  pin: z.optional(pin),
  clearPin: z.optional(z.literal(true, { error: "clearPin must be true" })),
  disabled: z.optional(z.boolean({ error: "disabled must be true or false" })),
});
export type StaffPatchBody = z.infer<typeof staffPatchBody>;

const currentPassword = z
  .string({ error: "currentPassword is required" })
  .check(z.minLength(1, "currentPassword is required"), z.maxLength(1024, "currentPassword is too long"));

/** `POST /api/staff/me/pin`. */
export const ownPinBody = z.strictObject({ currentPassword, pin });
export type OwnPinBody = z.infer<typeof ownPinBody>;
/** `POST /api/staff/me/password`. */
export const ownPasswordBody = z.strictObject({ currentPassword, password });
export type OwnPasswordBody = z.infer<typeof ownPasswordBody>;
