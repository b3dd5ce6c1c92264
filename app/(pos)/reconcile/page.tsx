import type { Metadata } from "next";
import { QueryProvider } from "@/components/providers/query-provider";
import { ReconcileScreen } from "@/components/reconcile/reconcile-screen";
import { requireStaffPage } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { getRequestLocale } from "@/lib/i18n/server-locale";
import { translate } from "@/lib/i18n/translate";
import { merchantDate } from "@/lib/qfpay/time";
import { yesterday } from "@/lib/reconcile/dates";
import "@/lib/i18n/catalog/reconcile";

export async function generateMetadata(): Promise<Metadata> {
  return { title: `${translate(await getRequestLocale(), "reconcile.title")} · ScanTill` };
}

export default async function ReconcilePage() {
  // Managers and owners only; a cashier is sent to the sale screen (the API refuses them too).
  await requireStaffPage("manager", "/reconcile");
  const now = new Date();
  return (
    <QueryProvider>
      <ReconcileScreen
        defaultDate={yesterday(now, env.POS_TIME_ZONE)}
        today={merchantDate(now, env.POS_TIME_ZONE)}
        timeZone={env.POS_TIME_ZONE}
      />
    </QueryProvider>
  );
}
