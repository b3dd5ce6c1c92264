import { useT } from "@/components/i18n/i18n-provider";
import { ClockIcon } from "@/components/ui/icons";

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
