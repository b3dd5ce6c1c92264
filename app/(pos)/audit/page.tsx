import type { Metadata } from "next";
import { AuditScreen } from "@/components/audit/audit-screen";
import { QueryProvider } from "@/components/providers/query-provider";
import { requireStaffPage } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { getRequestLocale } from "@/lib/i18n/server-locale";
import { translate } from "@/lib/i18n/translate";
import { merchantDate } from "@/lib/qfpay/time";
import "@/lib/i18n/catalog/audit";

export async function generateMetadata(): Promise<Metadata> {
  return { title: `${translate(await getRequestLocale(), "audit.title")} · ScanTill` };
}

export default async function AuditPage() {
  // Managers and owners only (the API checks too).
  await requireStaffPage("manager", "/audit");
  return (
    <QueryProvider>
      <AuditScreen timeZone={env.POS_TIME_ZONE} today={merchantDate(new Date(), env.POS_TIME_ZONE)} />
    </QueryProvider>
  );
}
