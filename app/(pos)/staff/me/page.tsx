import type { Metadata } from "next";
import { QueryProvider } from "@/components/providers/query-provider";
import { MyAccountScreen } from "@/components/staff/my-account-screen";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/passwords";
import { requireStaffPage } from "@/lib/auth/session";
import { getRequestLocale } from "@/lib/i18n/server-locale";
import { translate } from "@/lib/i18n/translate";
import "@/lib/i18n/catalog/staff";

export async function generateMetadata(): Promise<Metadata> {
  return { title: `${translate(await getRequestLocale(), "staff.meTitle")} · ScanTill` };
}

export default async function MyAccountPage() {
  // Everyone signed in, cashiers included: their own PIN and password.
  const user = await requireStaffPage("cashier", "/staff/me");
  return (
    <QueryProvider>
      <MyAccountScreen username={user.username} minPasswordLength={MIN_PASSWORD_LENGTH} />
    </QueryProvider>
  );
}
