import type { Role } from "./roles";

/**
 * The staff seeded in demo mode only, and shown on the sign-in page there. With real QFPay
 * credentials nothing is ever seeded (issue 2, item 6).
 */
export const DEMO_STAFF: ReadonlyArray<{ username: string; password: string; role: Role }> = [
  { username: "cashier", password: "cashier123", role: "cashier" },
  { username: "manager", password: "manager123", role: "manager" },
  { username: "owner", password: "owner123", role: "owner" },
];
