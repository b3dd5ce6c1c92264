import type { Metadata } from "next";
import { PaymentDetail } from "@/components/payments/payment-detail";
import { hasRole } from "@/lib/auth/roles";
import { requireStaffPage } from "@/lib/auth/session";
import { getRequestLocale } from "@/lib/i18n/server-locale";
import { translate } from "@/lib/i18n/translate";

type Props = { params: Promise<{ outTradeNo: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: `${translate(await getRequestLocale(), "payments.detailTitle")} · ScanTill` };
}

export default async function PaymentDetailPage({ params }: Props) {
  const { outTradeNo } = await params;
  const user = await requireStaffPage("cashier", `/payments/${encodeURIComponent(outTradeNo)}`);
  // The refund API checks the role again; this only decides whether refund controls are shown.
  return <PaymentDetail outTradeNo={outTradeNo} canRefund={hasRole(user.role, "manager")} />;
}
