/**
 * What the till's browser knows about who is at it (BROWSER-SAFE types: one name on both sides of
 * the server/browser line). Served by GET /api/session and GET /api/till/staff.
 */
import type { Role, StaffUser } from "./roles";

export type TillSession = {
  staff: StaffUser;
  method: "password" | "pin";
  /** Idle time after which the till locks itself to the PIN screen. */
  lockAfterMs: number;
  /** Carried by the payments this person queues (lib/auth/scan-proof.ts). */
  scanProof: string;
};

export type TillStaff = { username: string; role: Role; hasPin: boolean };
