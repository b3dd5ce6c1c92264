import { useQuery } from "@tanstack/react-query";
import { hasRole } from "@/lib/auth/roles";
import { fetchTillStaff } from "@/lib/client/till-api";
import type { TillStaff } from "@/lib/contract/till";

/**
 * Managers and owners who may approve by PIN on this till: those who have signed in here with
 * their password (GET /api/till/staff, the same list the lock screen shows; it answers only this
 * device's own cookie, so the dialog reveals nothing the till did not already know). Anyone else
 * types a username and uses their password. A failed read just leaves the list out.
 */
export function pinApprovers(staff: readonly TillStaff[]): string[] {
  return staff.filter((s) => hasRole(s.role, "manager") && s.hasPin).map((s) => s.username);
}

/** Read each time the dialog opens: who is enrolled changes as people sign in and out. */
export function useApprovers(enabled: boolean): string[] {
  const { data } = useQuery({
    queryKey: ["till", "staff"],
    queryFn: async ({ signal }) => (await fetchTillStaff(signal)) ?? [],
    enabled,
    staleTime: 0,
    retry: false,
  });
  return enabled && data ? pinApprovers(data) : [];
}
