/**
 * Reading the signed-in staff member on the server: for pages (redirect to /login) and for
 * route handlers (see `with-staff.ts`).
 */
import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { authOptions } from "./options";
import { hasRole, isRole, type Role, type StaffUser } from "./roles";

/** The signed-in staff member, or null. */
export async function getStaffUser(): Promise<StaffUser | null> {
  const session = await getServerSession(authOptions);
  const user = session?.user as Partial<StaffUser> | undefined;
  if (!user?.id || !user.username || !isRole(user.role)) return null;
  return { id: user.id, username: user.username, role: user.role };
}

/** For server components of signed-in pages: the staff member, or a redirect to the sign-in page. */
export async function requireStaffPage(minimum: Role = "cashier", callbackPath = "/sale"): Promise<StaffUser> {
  const user = await getStaffUser();
  if (!user) redirect(`/login?callbackUrl=${encodeURIComponent(callbackPath)}`);
  if (!hasRole(user.role, minimum)) redirect("/sale");
  return user;
}
