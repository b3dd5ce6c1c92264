import { useT } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { AlertIcon } from "@/components/ui/icons";
import { ElapsedSeconds } from "./elapsed-seconds";
import { LEAVE_AFTER_SECONDS, LeaveOption } from "./leave-option";
import { StatusCard } from "./status-card";
import { StatusFacts } from "./status-facts";

type Props = {
  amount: string;
  seconds: number;
  codeLast4: string;
  noRecord: boolean;
  canResend: boolean;
  onResend: () => void;
  onNewSale: () => void;
};

/** No answer reached the till: keep asking the server; resending the same request is safe. */
export function UnconfirmedStatus({ amount, seconds, codeLast4, noRecord, canResend, onResend, onNewSale }: Props) {
  const t = useT();
  return (
    <StatusCard
      status="sending"
      phase="unconfirmed"
      tone="pending"
      icon={<AlertIcon className="size-14" />}
      title={t("sale.unconfirmedTitle")}
      amount={amount}
      details={
        <div className="space-y-3">
          <ElapsedSeconds seconds={seconds} />
          <StatusFacts facts={[{ label: t("payments.fieldCode"), value: `…${codeLast4}`, mono: true }]} />
        </div>
      }
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
          {seconds >= LEAVE_AFTER_SECONDS && <LeaveOption onNewSale={onNewSale} />}
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
