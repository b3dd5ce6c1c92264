import type { Metadata } from "next";
import { EarlyKeypadScript } from "@/components/sale/early-keypad-script";
import { SaleScreen } from "@/components/sale/sale-screen";
import { requireStaffPage } from "@/lib/auth/session";
import { env, isDemoMode } from "@/lib/env";
import { getRequestLocale } from "@/lib/i18n/server-locale";
import { translate } from "@/lib/i18n/translate";
import { isScanEngineName } from "@/lib/scan/scan-settings";
import "@/lib/i18n/catalog/common";

export async function generateMetadata(): Promise<Metadata> {
  return { title: `${translate(await getRequestLocale(), "common.navSale")} · ScanTill` };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SalePage({ searchParams }: Props) {
  await requireStaffPage("cashier", "/sale");
  // Demo mode only: `/sale?scanEngine=zxing-js` tries the other engine without a restart (the
  // end-to-end tests and the scan benchmark use it). With real QFPay settings only SCAN_ENGINE counts.
  const requested = isDemoMode ? (await searchParams).scanEngine : undefined;
  const scanEngine = isScanEngineName(requested) ? requested : env.SCAN_ENGINE;
  // Demo mode only: `/sale?codeLifetimeMs=8000` shortens the code lifetime (the offline e2e test).
  const lifetime = isDemoMode ? demoCodeLifetime((await searchParams).codeLifetimeMs) : null;
  return (
    <>
      {/* Before the keypad: taps answer from the first paint (docs/first-load.md). */}
      <EarlyKeypadScript locale={await getRequestLocale()} currency={env.POS_CURRENCY} />
      <SaleScreen
        currency={env.POS_CURRENCY}
        scanEngine={scanEngine}
        scanCodeFormat={env.SCAN_CODE_FORMAT}
        codeLifetimeMs={lifetime ?? env.PAYMENT_CODE_LIFETIME_MS}
      />
    </>
  );
}

function demoCodeLifetime(value: string | string[] | undefined): number | null {
  const ms = typeof value === "string" && /^\d{1,7}$/.test(value) ? Number(value) : NaN;
  return ms >= 1_000 && ms <= 600_000 ? ms : null;
}
