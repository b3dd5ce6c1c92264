import { useT } from "@/components/i18n/i18n-provider";
import { WALLET_LABEL } from "@/components/payments/payment-labels";
import { Button } from "@/components/ui/button";
import type { PaymentView } from "@/lib/contract/payments";
import { StatusFacts } from "./status-facts";
import "@/lib/i18n/catalog/common";
import "@/lib/i18n/catalog/payments";
import "@/lib/i18n/catalog/sale-steps";

/**
 * The facts a cashier compares with the customer's phone. QFPay's own words (in whichever language
 * QFPay chose) are on the payment's page only, labelled as QFPay's (payment-detail.tsx).
 */
export function OutcomeDetails({ payment, showSyssn = false }: { payment: PaymentView; showSyssn?: boolean }) {
  const t = useT();
  return (
    <div className="space-y-3">
      <StatusFacts
        facts={[
          { label: t("payments.fieldWallet"), value: t(WALLET_LABEL[payment.wallet]) },
          ...(showSyssn
            ? [{ label: t("payments.fieldSyssn"), value: payment.syssn ?? t("common.none"), mono: true }]
            : []),
          { label: t("payments.fieldCode"), value: `…${payment.authCodeLast4}`, mono: true },
        ]}
      />
    </div>
  );
}

/** "Scan again" (when another code may work) above "New sale", which leads when it is alone. */
export function OutcomeActions({
  rescan,
  onRescan,
  onNewSale,
}: {
  rescan: boolean;
  onRescan: () => void;
  onNewSale: () => void;
}) {
  const t = useT();
  return (
    <>
      {rescan && (
        <Button data-testid="scan-again-button" size="xl" className="w-full" onClick={onRescan}>
          {t("sale.scanAgain")}
        </Button>
      )}
      <Button
        data-testid="new-sale-button"
        variant={rescan ? "secondary" : "primary"}
        size={rescan ? "lg" : "xl"}
        className="w-full"
        onClick={onNewSale}
      >
        {t("sale.newSale")}
      </Button>
    </>
  );
}
