import { useT } from "@/components/i18n/i18n-provider";
import { FailureMessage } from "@/components/payments/failure-message";
import { WALLET_LABEL } from "@/components/payments/payment-labels";
import { Button } from "@/components/ui/button";
import { AlertIcon } from "@/components/ui/icons";
import { useFormatters } from "@/components/ui/use-formatters";
import type { FailureKind, PaymentView } from "@/lib/payments/types";
import { StatusCard } from "./status-card";
import { StatusFacts } from "./status-facts";

/** Failures where another scan may succeed (a fresh code, another wallet). */
function offersRescan(kind: FailureKind | null): boolean {
  return kind !== "declined" && kind !== "configuration";
}

type Props = { payment: PaymentView; onRescan: () => void; onNewSale: () => void };

export function FailedStatus({ payment, onRescan, onNewSale }: Props) {
  const t = useT();
  const format = useFormatters();
  const rescan = offersRescan(payment.failureKind);
  return (
    <StatusCard
      status="failed"
      phase={payment.failureKind ?? "unknown"}
      tone="failed"
      icon={<AlertIcon className="size-16" />}
      title={t("sale.failedTitle")}
      amount={format.money(payment.amount, payment.currency)}
      details={
        <div className="space-y-3">
          {payment.message && (
            <p data-testid="qfpay-message" className="text-center text-sm text-ink-muted">
              {t("payments.qfpaySays", { message: payment.message })}
            </p>
          )}
          <StatusFacts
            facts={[
              { label: t("payments.fieldWallet"), value: t(WALLET_LABEL[payment.wallet]) },
              { label: t("payments.fieldCode"), value: `…${payment.authCodeLast4}`, mono: true },
            ]}
          />
        </div>
      }
      actions={
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
      }
    >
      <FailureMessage kind={payment.failureKind} className="text-xl font-semibold text-failed" />
      <p>{t("payments.noMoneyTaken")}</p>
    </StatusCard>
  );
}
