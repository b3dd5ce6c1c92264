import type { Metadata } from "next";
import { PaymentDetail } from "@/components/payments/payment-detail";
import { QueryProvider } from "@/components/providers/query-provider";
import { hasRole } from "@/lib/auth/roles";
import { requireStaffPage } from "@/lib/auth/session";
import { getRequestLocale } from "@/lib/i18n/server-locale";
import { translate } from "@/lib/i18n/translate";
import "@/lib/i18n/catalog/payments";

type Props = { params: Promise<{ outTradeNo: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: `${translate(await getRequestLocale(), "payments.detailTitle")} · ScanTill` };
}

export default async function PaymentDetailPage({ params }: Props) {
  const { outTradeNo } = await params;
  const user = await requireStaffPage("cashier", `/payments/${encodeURIComponent(outTradeNo)}`);
  // The APIs check the role (and any approval) again; this only decides whether a refund asks for a
  // manager's approval first, and whether the refund/keep choice is shown.
  return (
    <QueryProvider>
      <PaymentDetail outTradeNo={outTradeNo} canDecide={hasRole(user.role, "manager")} />
    </QueryProvider>
  );
}
