"use client";

import { useState } from "react";
import { useT } from "@/components/i18n/i18n-provider";
import { Button, buttonClasses } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { ApiError } from "@/lib/client/api-error";
import { auditCsvHref, NO_FILTER, type AuditFilterInput } from "@/lib/client/audit-api";
import { AuditFilters } from "./audit-filters";
import { AuditTable } from "./audit-table";
import { useAuditTrail } from "./use-audit";
import "@/lib/i18n/catalog/audit";
import "@/lib/i18n/catalog/common";

type Props = { timeZone: string; today: string };

/** For managers and owners: the audit trail with filters, "Load more" and the same rows as a CSV. */
export function AuditScreen({ timeZone, today }: Props) {
  const t = useT();
  const [filter, setFilter] = useState<AuditFilterInput>(NO_FILTER);
  const trail = useAuditTrail(filter);
  const events = trail.data?.pages.flatMap((p) => p.events) ?? [];
  const badFilter = trail.error instanceof ApiError && trail.error.status === 400;
  const forbidden = trail.error instanceof ApiError && trail.error.status === 403;

  return (
    <div data-testid="audit-screen" className="w-full space-y-4">
      <div className="space-y-1">
        <h1 className="text-2xl font-bold">{t("audit.title")}</h1>
        <p className="text-ink-muted">{t("audit.intro", { timeZone })}</p>
      </div>

      <AuditFilters applied={filter} today={today} onApply={setFilter} />

      <div className="flex flex-col gap-1 sm:flex-row sm:items-center sm:gap-3">
        <a
          href={auditCsvHref(filter)}
          download
          data-testid="audit-download"
          className={buttonClasses("secondary", "md", "w-full sm:w-auto")}
        >
          {t("audit.download")}
        </a>
        <p className="text-sm text-ink-muted">{t("audit.downloadHint")}</p>
      </div>

      {trail.isPending && (
        <p className="flex items-center gap-2 text-ink-muted">
          <Spinner className="size-5" /> {t("common.loading")}
        </p>
      )}
      {trail.isError && (
        <p role="alert" data-testid="audit-error" className="rounded-xl bg-failed-light p-3 font-semibold text-failed">
          {t(badFilter ? "audit.errorBadFilter" : forbidden ? "audit.errorForbidden" : "audit.loadError")}
        </p>
      )}
      {trail.isSuccess && events.length === 0 && (
        <p data-testid="audit-empty" className="rounded-xl bg-white p-4 ring-1 ring-slate-200">
          {t("audit.empty")}
        </p>
      )}
      {events.length > 0 && (
        <div className="rounded-2xl bg-white p-3 shadow-sm ring-1 ring-slate-200 md:overflow-x-auto">
          <AuditTable events={events} timeZone={timeZone} />
        </div>
      )}
      {trail.hasNextPage ? (
        <Button
          variant="secondary"
          data-testid="audit-load-more"
          className="w-full sm:w-auto"
          disabled={trail.isFetchingNextPage}
          onClick={() => void trail.fetchNextPage()}
        >
          {trail.isFetchingNextPage && <Spinner className="size-5" />}
          {trail.isFetchingNextPage ? t("audit.loadingMore") : t("audit.loadMore")}
        </Button>
      ) : (
        events.length > 0 && <p className="text-sm text-ink-muted">{t("audit.end")}</p>
      )}
    </div>
  );
}
