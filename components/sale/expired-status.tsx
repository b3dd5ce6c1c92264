import { useT } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { ClockIcon } from "@/components/ui/icons";
import { StatusCard } from "./status-card";
import { StatusFacts } from "./status-facts";
import "@/lib/i18n/catalog/payments";
import "@/lib/i18n/catalog/sale-steps";
import "@/lib/i18n/catalog/outbox-status";

type Props = { amount: string; authCodeLast4: string; onRescan: () => void; onNewSale: () => void };

/** The code outlived its lifetime before it provably reached the server: nothing charged, a fresh code is a new payment. */
export function ExpiredStatus({ amount, authCodeLast4, onRescan, onNewSale }: Props) {
  const t = useT();
  return (
    <StatusCard
      status="expired"
      phase="fresh_code"
      tone="failed"
      icon={<ClockIcon className="size-14" />}
      title={t("outbox.expiredTitle")}
      amount={amount}
      details={<StatusFacts facts={[{ label: t("payments.fieldCode"), value: `…${authCodeLast4}`, mono: true }]} />}
      actions={
        <>
          <Button data-testid="scan-again-button" size="xl" className="w-full" onClick={onRescan}>
            {t("sale.scanAgain")}
          </Button>
          <Button data-testid="new-sale-button" variant="secondary" className="w-full" onClick={onNewSale}>
            {t("sale.newSale")}
          </Button>
        </>
      }
    >
      <p data-testid="fresh-code-needed">{t("outbox.expiredBody")}</p>
      <p data-testid="nothing-charged" className="font-bold">
        {t("sale.nothingCharged")}
      </p>
    </StatusCard>
  );
}
