import { useQuery } from "@tanstack/react-query";
import { hasRole, isRole } from "@/lib/auth/roles";
import type { TillStaff } from "@/lib/auth/till-session";

/**
 * Managers and owners who may approve by PIN on this till: those who have signed in here with
 * their password (GET /api/till/staff, the same list the lock screen shows; it answers only this
 * device's own cookie, so the dialog reveals nothing the till did not already know). Anyone else
 * types a username and uses their password. A failed read just leaves the list out.
 */
export function pinApprovers(staff: readonly TillStaff[]): string[] {
  return staff.filter((s) => isRole(s.role) && hasRole(s.role, "manager") && s.hasPin).map((s) => s.username);
}

async function fetchTillStaff(signal: AbortSignal): Promise<TillStaff[]> {
  const response = await fetch("/api/till/staff", {
    headers: { Accept: "application/json" },
    cache: "no-store",
    signal,
  });
  if (!response.ok) return [];
  const body = (await response.json().catch(() => null)) as { staff?: unknown } | null;
  if (!Array.isArray(body?.staff)) return [];
  return body.staff.filter(
    (s): s is TillStaff =>
      typeof s === "object" &&
      s !== null &&
      typeof (s as TillStaff).username === "string" &&
      typeof (s as TillStaff).hasPin === "boolean",
  );
}

/** Read each time the dialog opens: who is enrolled changes as people sign in and out. */
export function useApprovers(enabled: boolean): string[] {
  const { data } = useQuery({
    queryKey: ["till", "staff"],
    queryFn: ({ signal }) => fetchTillStaff(signal),
    enabled,
    staleTime: 0,
    retry: false,
  });
  return enabled && data ? pinApprovers(data) : [];
}
