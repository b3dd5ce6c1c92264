import type { Metadata } from "next";
import { QueryProvider } from "@/components/providers/query-provider";
import { StaffScreen } from "@/components/staff/staff-screen";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/passwords";
import { requireStaffPage } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { getRequestLocale } from "@/lib/i18n/server-locale";
import { translate } from "@/lib/i18n/translate";
import "@/lib/i18n/catalog/staff";

export async function generateMetadata(): Promise<Metadata> {
  return { title: `${translate(await getRequestLocale(), "staff.title")} · ScanTill` };
}

export default async function StaffPage() {
  // Managers and owners; a cashier is sent to the sale screen (the API refuses them too).
  const user = await requireStaffPage("manager", "/staff");
  return (
    <QueryProvider>
      <StaffScreen
        me={{ id: user.id, username: user.username, role: user.role }}
        timeZone={env.POS_TIME_ZONE}
        minPasswordLength={MIN_PASSWORD_LENGTH}
      />
    </QueryProvider>
  );
}
