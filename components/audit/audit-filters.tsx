import { useState, type FormEvent } from "react";
import { useT } from "@/components/i18n/i18n-provider";
import { useStaffList } from "@/components/staff/use-staff";
import { Button } from "@/components/ui/button";
import { FIELD_CLASS } from "@/components/ui/field";
import { useHydrated } from "@/components/ui/use-hydrated";
import { AUDIT_ACTIONS } from "@/lib/audit/actions";
import { auditActionLabel } from "@/lib/audit/labels";
import { EARLIEST_DATE } from "@/lib/reconcile/dates";
import { NO_FILTER, type AuditFilterInput } from "@/lib/client/audit-api";
import "@/lib/i18n/catalog/audit";

type Props = { applied: AuditFilterInput; today: string; onApply: (filter: AuditFilterInput) => void };

/** Date range (merchant days), action, person and outcome; applied with "Show". */
export function AuditFilters({ applied, today, onApply }: Props) {
  const t = useT();
  const hydrated = useHydrated();
  const [draft, setDraft] = useState<AuditFilterInput>(applied);
  const people = useStaffList();
  const set = (key: keyof AuditFilterInput) => (event: { target: { value: string } }) =>
    setDraft({ ...draft, [key]: event.target.value });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply({ ...draft, actor: draft.actor.trim().toLowerCase() });
  };

  const label = "block font-semibold";
  return (
    <form
      onSubmit={submit}
      data-testid="audit-filters"
      aria-labelledby="audit-filters-title"
      className="space-y-3 rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200"
    >
      <h2 id="audit-filters-title" className="text-lg font-bold">
        {t("audit.filtersTitle")}
      </h2>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5">
        <div className="space-y-1">
          <label htmlFor="audit-from" className={label}>
            {t("audit.from")}
          </label>
          <input
            id="audit-from"
            data-testid="audit-from"
            type="date"
            min={EARLIEST_DATE}
            max={today}
            value={draft.from}
            onChange={set("from")}
            className={FIELD_CLASS}
          />
        </div>
        <div className="space-y-1">
          <label htmlFor="audit-to" className={label}>
            {t("audit.to")}
          </label>
          <input
            id="audit-to"
            data-testid="audit-to"
            type="date"
            min={EARLIEST_DATE}
            max={today}
            value={draft.to}
            onChange={set("to")}
            className={FIELD_CLASS}
          />
        </div>
        <div className="space-y-1">
          <label htmlFor="audit-action" className={label}>
            {t("audit.action")}
          </label>
          <select
            id="audit-action"
            data-testid="audit-action"
            value={draft.action}
            onChange={set("action")}
            className={FIELD_CLASS}
          >
            <option value="">{t("audit.anyAction")}</option>
            {AUDIT_ACTIONS.map((action) => (
              <option key={action} value={action}>
                {auditActionLabel(action, t)}
              </option>
            ))}
          </select>
        </div>
        <div className="space-y-1">
          <label htmlFor="audit-actor" className={label}>
            {t("audit.person")}
          </label>
          <input
            id="audit-actor"
            data-testid="audit-actor"
            list="audit-people"
            placeholder={t("audit.personHint")}
            autoCapitalize="none"
            autoCorrect="off"
            spellCheck={false}
            value={draft.actor}
            onChange={set("actor")}
            className={FIELD_CLASS}
          />
          <datalist id="audit-people">
            {people.data?.map((p) => (
              <option key={p.id} value={p.username} />
            ))}
          </datalist>
        </div>
        <div className="space-y-1">
          <label htmlFor="audit-outcome" className={label}>
            {t("audit.outcome")}
          </label>
          <select
            id="audit-outcome"
            data-testid="audit-outcome"
            value={draft.outcome}
            onChange={set("outcome")}
            className={FIELD_CLASS}
          >
            <option value="">{t("audit.anyOutcome")}</option>
            <option value="ok">{t("audit.outcomeOk")}</option>
            <option value="refused">{t("audit.outcomeRefused")}</option>
          </select>
        </div>
      </div>
      <div className="flex flex-col gap-3 sm:flex-row">
        <Button type="submit" data-testid="audit-apply" disabled={!hydrated}>
          {t("audit.apply")}
        </Button>
        <Button
          variant="secondary"
          data-testid="audit-clear"
          disabled={!hydrated}
          onClick={() => {
            setDraft(NO_FILTER);
            onApply(NO_FILTER);
          }}
        >
          {t("audit.clear")}
        </Button>
      </div>
    </form>
  );
}
