/**
 * The signed-in staff the ledger tests act as: one cashier, manager and owner on one device, as
 * `withStaff` hands them to lib/payments. Their sessions are not in the database; the ledger only
 * records who acted.
 */
const member = <R extends "cashier" | "manager" | "owner">(n: number, role: R) => ({
  id: `u${n}`,
  username: role,
  role,
  sessionId: `session-u${n}`,
  deviceId: "device-1",
  method: "password" as const,
});

export const cashier = member(1, "cashier");
export const manager = member(2, "manager");
export const owner = member(3, "owner");
