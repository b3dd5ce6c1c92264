"use client";

import { useState, type FormEvent } from "react";
import { useT } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { useHydrated } from "@/components/ui/use-hydrated";
import type { MessageKey } from "@/lib/i18n/messages";
import { EARLIEST_DATE } from "@/lib/reconcile/dates";
import type { ReconciliationReport } from "@/lib/contract/reconcile";
import { LastAutoRun } from "./last-auto-run";
import { ApiError } from "@/lib/client/api-error";
import { ReconcileResult } from "./reconcile-result";
import { useRunReconciliation } from "./use-reconcile";
import "@/lib/i18n/catalog/common";
import "@/lib/i18n/catalog/reconcile";

type Props = {
  /** Yesterday in merchant time: the day a manager most often checks. */
  defaultDate: string;
  /** Today in merchant time: the latest day that can be picked. */
  today: string;
  timeZone: string;
};

function errorKey(error: Error): MessageKey {
  if (!(error instanceof ApiError)) return "common.unexpectedError";
  if (error.status === 0) return error.code === "network" ? "reconcile.errorNetwork" : "common.unexpectedError";
  if (error.status === 503) return "reconcile.errorUnavailable";
  if (error.status === 403) return "reconcile.errorForbidden";
  if (error.status === 400) return "reconcile.errorBadDate";
  return "common.unexpectedError";
}

/** For managers: pick a business day, reconcile it with QFPay, and see what to do about each difference. */
export function ReconcileScreen({ defaultDate, today, timeZone }: Props) {
  const t = useT();
  const [date, setDate] = useState(defaultDate);
  const [shown, setShown] = useState<ReconciliationReport | null>(null);
  const run = useRunReconciliation();
  // Until React handles events, a tap would submit the bare form and a typed day would be reset.
  const hydrated = useHydrated();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!date || run.isPending) return;
    setShown(null);
    run.mutate(date, { onSuccess: (report) => setShown(report) });
  };

  return (
    <div data-testid="reconcile-screen" className="mx-auto w-full max-w-3xl space-y-4">
      <div className="space-y-1">
        <h1 className="text-2xl font-bold">{t("reconcile.title")}</h1>
        <p className="text-ink-muted">{t("reconcile.intro")}</p>
      </div>

      <form
        onSubmit={submit}
        className="space-y-3 rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200"
        aria-busy={run.isPending}
      >
        <label htmlFor="reconcile-date" className="block font-semibold">
          {t("reconcile.dayLabel")}
        </label>
        <div className="flex flex-col gap-3 sm:flex-row">
          <input
            id="reconcile-date"
            data-testid="reconcile-date"
            type="date"
            required
            min={EARLIEST_DATE}
            max={today}
            value={date}
            disabled={run.isPending || !hydrated}
            onChange={(e) => setDate(e.target.value)}
            aria-describedby="reconcile-date-hint"
            className="min-h-touch w-full rounded-xl border-2 border-slate-300 bg-white px-3 text-lg tabular-nums focus-visible:border-brand focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-brand disabled:bg-slate-100 sm:w-56"
          />
          <Button
            data-testid="reconcile-run"
            type="submit"
            disabled={run.isPending || !date || !hydrated}
            className="w-full sm:w-auto"
          >
            {run.isPending && <Spinner className="size-5" />}
            {run.isPending ? t("reconcile.running") : t("reconcile.run")}
          </Button>
        </div>
        <p id="reconcile-date-hint" className="text-sm text-ink-muted">
          {run.isPending ? t("reconcile.runningHint") : t("reconcile.dayHint", { timeZone })}
        </p>
      </form>

      {run.isError && (
        <div
          role="alert"
          data-testid="reconcile-error"
          className="space-y-1 rounded-2xl bg-failed-light p-4 text-failed"
        >
          <p className="font-semibold">{t("reconcile.errorTitle")}</p>
          <p>{t(errorKey(run.error), { min: EARLIEST_DATE, max: today })}</p>
        </div>
      )}

      {shown && <ReconcileResult report={shown} />}

      <LastAutoRun
        onShow={(report) => {
          run.reset();
          setShown(report);
        }}
      />
    </div>
  );
}
