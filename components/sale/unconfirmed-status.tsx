import { useT } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { AlertIcon } from "@/components/ui/icons";
import { CancelControl, type CancelHandlers } from "./cancel-control";
import { WaitingDetails } from "./elapsed-seconds";
import { LEAVE_AFTER_SECONDS, LeaveOption } from "./leave-option";
import type { CancelState } from "./sale-machine";
import { StatusCard } from "./status-card";
import "@/lib/i18n/catalog/sale-steps";

type Props = {
  amount: string;
  seconds: number;
  authCodeLast4: string;
  noRecord: boolean;
  canResend: boolean;
  onResend: () => void;
  cancel: CancelState;
  cancelHandlers: CancelHandlers;
  onNewSale: () => void;
};

/**
 * No answer reached the till: keep asking the server; resending the same request is safe. If the
 * customer walks away, Cancel asks the server to stop it (a 404 there means it never arrived).
 */
export function UnconfirmedStatus({
  amount,
  seconds,
  authCodeLast4,
  noRecord,
  canResend,
  onResend,
  cancel,
  cancelHandlers,
  onNewSale,
}: Props) {
  const t = useT();
  return (
    <StatusCard
      status="sending"
      phase="unconfirmed"
      tone="pending"
      icon={<AlertIcon className="size-14" />}
      title={t("sale.unconfirmedTitle")}
      amount={amount}
      details={<WaitingDetails seconds={seconds} authCodeLast4={authCodeLast4} />}
      actions={
        <>
          {canResend && (
            <div className="space-y-2">
              <Button data-testid="resend-button" size="xl" className="w-full" onClick={onResend}>
                {t("sale.sendAgain")}
              </Button>
              <p className="text-center text-sm text-ink-muted">{t("sale.sendAgainHint")}</p>
            </div>
          )}
          <CancelControl cancel={cancel} {...cancelHandlers} />
          {seconds >= LEAVE_AFTER_SECONDS && cancel.phase !== "confirming" && <LeaveOption onNewSale={onNewSale} />}
        </>
      }
    >
      <p>{t("sale.unconfirmedBody")}</p>
      <p data-testid="do-not-charge-again" className="font-bold">
        {t("sale.doNotChargeAgain")}
      </p>
      {noRecord && <p>{t("sale.unconfirmedNoRecord")}</p>}
    </StatusCard>
  );
}
