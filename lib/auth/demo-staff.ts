import type { Role } from "./roles";

/**
 * The staff seeded in demo mode only, and shown on the sign-in page there. A live instance disables
 * any account that is one of these or still has one of these passwords (lib/auth/demo-guard.ts).
 */
export const DEMO_STAFF: ReadonlyArray<{ username: string; password: string; pin: string; role: Role }> = [
  { username: "cashier", password: "cashier123", pin: "1357", role: "cashier" },
  { username: "manager", password: "manager123", pin: "2468", role: "manager" },
  { username: "owner", password: "owner123", pin: "3579", role: "owner" },
];
