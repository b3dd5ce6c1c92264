import type { Metadata } from "next";
import { OutboxList } from "@/components/payments/outbox-list";
import { PaymentsList } from "@/components/payments/payments-list";
import { QueryProvider } from "@/components/providers/query-provider";
import { hasRole } from "@/lib/auth/roles";
import { requireStaffPage } from "@/lib/auth/session";
import { getRequestLocale } from "@/lib/i18n/server-locale";
import { translate } from "@/lib/i18n/translate";
import "@/lib/i18n/catalog/payments";

export async function generateMetadata(): Promise<Metadata> {
  return { title: `${translate(await getRequestLocale(), "payments.title")} · ScanTill` };
}

export default async function PaymentsPage() {
  const user = await requireStaffPage("cashier", "/payments");
  return (
    <>
      {/* This till's payments not yet sent or settled (the server's list cannot show what never reached it). */}
      <OutboxList className="mb-4" />
      <QueryProvider>
        <PaymentsList showAttention={hasRole(user.role, "manager")} />
      </QueryProvider>
    </>
  );
}
