import { useT } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { useFormatters } from "@/components/ui/use-formatters";
import type { ReconciliationReport } from "@/lib/contract/reconcile";
import { useLatestAutoReconciliation } from "./use-reconcile";
import "@/lib/i18n/catalog/common";
import "@/lib/i18n/catalog/reconcile";

/** The daily run's last result and when it ran, with a way to open its report. */
export function LastAutoRun({ onShow }: { onShow: (report: ReconciliationReport) => void }) {
  const t = useT();
  const format = useFormatters();
  const { data, isPending, isError } = useLatestAutoReconciliation();
  const run = data?.run ?? null;

  let line: string;
  if (!run) line = t("reconcile.lastAutoNone");
  else if (run.status === "running") line = t("reconcile.lastAutoRunning", { date: run.date });
  else if (run.status === "error") line = t("reconcile.lastAutoError", { date: run.date });
  else if (run.differenceCount)
    line = t("reconcile.lastAutoDifferences", { date: run.date, count: run.differenceCount });
  else line = t("reconcile.lastAutoClean", { date: run.date });
  const bad = run?.status === "error" || (run?.status === "done" && !!run.differenceCount);

  return (
    <section
      data-testid="last-auto-run"
      data-status={run?.status ?? "none"}
      data-date={run?.date}
      aria-labelledby="last-auto-title"
      className="overflow-hidden rounded-2xl bg-white shadow-sm ring-1 ring-slate-200"
    >
      <h2
        id="last-auto-title"
        className="border-b border-slate-200 bg-slate-50 px-4 py-2 text-sm font-semibold text-ink-muted"
      >
        {t("reconcile.lastAutoTitle")}
      </h2>
      <div className="space-y-2 px-4 py-3">
        {isPending ? (
          <p role="status" className="flex items-center gap-2 text-ink-muted">
            <Spinner className="size-4" /> {t("common.loading")}
          </p>
        ) : isError ? (
          <p role="alert" className="font-semibold text-failed">
            {t("reconcile.lastAutoLoadError")}
          </p>
        ) : (
          <>
            <p data-testid="last-auto-summary" className={`font-semibold ${bad ? "text-failed" : ""}`}>
              {line}
            </p>
            {run && (
              <p className="text-sm text-ink-muted">
                {t("reconcile.lastAutoWhen", { time: format.dateTime(run.finishedAt ?? run.startedAt) })}
              </p>
            )}
            <p className="text-sm text-ink-muted">
              {data.schedule.at === "off"
                ? t("reconcile.lastAutoOff")
                : t("reconcile.lastAutoSchedule", { at: data.schedule.at, timeZone: data.schedule.timeZone })}
            </p>
            {run?.report && (
              <Button data-testid="last-auto-show" variant="secondary" size="md" onClick={() => onShow(run.report!)}>
                {t("reconcile.lastAutoShow")}
              </Button>
            )}
          </>
        )}
      </div>
    </section>
  );
}
