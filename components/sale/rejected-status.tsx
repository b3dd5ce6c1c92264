import { useApiErrorText } from "@/components/errors/error-text";
import { useT } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { AlertIcon } from "@/components/ui/icons";
import type { ApiErrorDetail } from "@/lib/contract/error-body";
import { StatusCard } from "./status-card";
import "@/lib/i18n/catalog/outbox-status";
import "@/lib/i18n/catalog/sale-steps";

type Props = { amount: string; error: ApiErrorDetail; onRescan: () => void; onNewSale: () => void };

/**
 * Our server refused the request: nothing reached QFPay. A 409 means the code was already used,
 * so an earlier payment with it may have gone through.
 */
export function RejectedStatus({ amount, error, onRescan, onNewSale }: Props) {
  const t = useT();
  const errorText = useApiErrorText();
  const codeUsed = error.code === "conflict";
  // `outbox_unavailable` is the browser's own: its storage refused the payment before any request.
  const text = error.code === "outbox_unavailable" ? t("outbox.storageUnavailable") : errorText(error);
  return (
    <StatusCard
      status="rejected"
      phase={error.code}
      tone="failed"
      icon={<AlertIcon className="size-14" />}
      title={codeUsed ? t("sale.codeUsedTitle") : t("sale.rejectedTitle")}
      amount={amount}
      details={
        <p data-testid="server-message" className="text-center text-sm text-ink-muted">
          {t("sale.serverSays", { message: text })}
        </p>
      }
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
      <p>{codeUsed ? t("sale.codeUsedBody") : t("sale.rejectedBody")}</p>
    </StatusCard>
  );
}
