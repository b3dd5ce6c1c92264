import { useT } from "@/components/i18n/i18n-provider";
import { ClockIcon } from "@/components/ui/icons";
import { StatusFacts } from "./status-facts";
import "@/lib/i18n/catalog/payments";
import "@/lib/i18n/catalog/sale-steps";

export function ElapsedSeconds({ seconds }: { seconds: number }) {
  const t = useT();
  return (
    <p className="flex items-center justify-center gap-2 text-lg text-ink-muted">
      <ClockIcon className="size-5" />
      <span>{t("sale.elapsedLabel")}</span>
      <span data-testid="elapsed-seconds" data-seconds={seconds} className="font-semibold text-ink tabular-nums">
        {seconds}
      </span>
      <span>{t("sale.secondsUnit")}</span>
    </p>
  );
}

/** While the outcome is not known yet: how long since the scan, and which code it was. */
export function WaitingDetails({ seconds, authCodeLast4 }: { seconds: number; authCodeLast4: string }) {
  const t = useT();
  return (
    <div className="space-y-3">
      <ElapsedSeconds seconds={seconds} />
      <StatusFacts facts={[{ label: t("payments.fieldCode"), value: `…${authCodeLast4}`, mono: true }]} />
    </div>
  );
}
