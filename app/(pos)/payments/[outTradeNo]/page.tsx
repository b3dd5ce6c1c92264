import type { Metadata } from "next";
import { PaymentDetail } from "@/components/payments/payment-detail";
import { requireStaffPage } from "@/lib/auth/session";
import { getRequestLocale } from "@/lib/i18n/server-locale";
import { translate } from "@/lib/i18n/translate";

type Props = { params: Promise<{ outTradeNo: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: `${translate(await getRequestLocale(), "payments.detailTitle")} · ScanTill` };
}

export default async function PaymentDetailPage({ params }: Props) {
  const { outTradeNo } = await params;
  await requireStaffPage("cashier", `/payments/${encodeURIComponent(outTradeNo)}`);
  return <PaymentDetail outTradeNo={outTradeNo} />;
}
