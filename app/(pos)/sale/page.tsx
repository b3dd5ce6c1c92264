import type { Metadata } from "next";
import { SaleScreen } from "@/components/sale/sale-screen";
import { requireStaffPage } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { getRequestLocale } from "@/lib/i18n/server-locale";
import { translate } from "@/lib/i18n/translate";

export async function generateMetadata(): Promise<Metadata> {
  return { title: `${translate(await getRequestLocale(), "common.navSale")} · ScanTill` };
}

export default async function SalePage() {
  await requireStaffPage("cashier", "/sale");
  return <SaleScreen currency={env.POS_CURRENCY} />;
}
