/**
 * Who is at the till, as the browser learns it (issue 9): `GET /api/session` (the person the server
 * vouches for, when the till locks itself, the scan proof their queued payments carry), `GET
 * /api/till/staff` (who may switch in by PIN on this device) and `POST /api/session/lock`.
 */
import * as z from "zod/mini";
import { ROLES, type StaffUser } from "@/lib/auth/roles";
import { validItems } from "./tolerant";

const staffUser = z.object({ id: z.string(), username: z.string(), role: z.enum(ROLES) });

/** JSON of `GET /api/session`. */
export const tillSession = z.object({
  staff: staffUser satisfies z.ZodMiniType<StaffUser>,
  method: z.enum(["password", "pin"]),
  /** Idle time after which the till locks itself to the PIN screen. */
  lockAfterMs: z.number(),
  /** Carried by the payments this person queues (lib/auth/scan-proof.ts). */
  scanProof: z.string(),
});
export type TillSession = z.infer<typeof tillSession>;

const tillStaff = z.object({ username: z.string(), role: z.enum(ROLES), hasPin: z.boolean() });
export type TillStaff = z.infer<typeof tillStaff>;

/** JSON of `GET /api/till/staff`: a person this build cannot read is left out of the list. */
export const tillStaffList = z.object({ staff: validItems(tillStaff) });
export type TillStaffList = z.infer<typeof tillStaffList>;

/** JSON of `POST /api/session/lock` (the till reads only its status). */
export const lockAnswer = z.object({ locked: z.literal(true) });
export type LockAnswer = z.infer<typeof lockAnswer>;
