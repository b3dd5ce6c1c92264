/** Staff roles, from least to most trusted. Pure: used by the server and the UI alike. */
export const ROLES = ["cashier", "manager", "owner"] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** True when `role` is `minimum` or above (owner ⊇ manager ⊇ cashier). */
export function hasRole(role: Role, minimum: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(minimum);
}

/** Who is signed in, as the app sees it. */
export type StaffUser = { id: string; username: string; role: Role };
