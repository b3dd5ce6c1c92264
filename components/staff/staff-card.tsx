import { useState } from "react";
import { useT } from "@/components/i18n/i18n-provider";
import { ROLE_LABEL } from "@/components/shell/role-label";
import { Button } from "@/components/ui/button";
import { useZonedDateTime } from "@/components/ui/use-zoned-date-time";
import type { StaffUser } from "@/lib/auth/roles";
import { allowedChanges } from "@/lib/auth/staff-rules";
import type { StaffListItem } from "@/lib/contract/staff";
import { StaffPanel } from "./staff-panel";
import "@/lib/i18n/catalog/staff";

type Props = { person: StaffListItem; me: StaffUser; timeZone: string; minPasswordLength: number };

const BADGE = "rounded-md px-2 py-0.5 text-sm font-semibold";

/** One person: who, role, state, PIN, last sign-in; "Manage" opens what the signed-in person may change. */
export function StaffCard({ person, me, timeZone, minPasswordLength }: Props) {
  const t = useT();
  const when = useZonedDateTime(timeZone);
  const [open, setOpen] = useState(false);
  const isMe = person.id === me.id;
  const allowed = allowedChanges({ kind: "staff", id: me.id, role: me.role }, { id: person.id, role: person.role });

  return (
    <li
      data-testid={`staff-row-${person.username}`}
      data-role={person.role}
      data-state={person.disabled ? "disabled" : "active"}
      data-has-pin={person.hasPin ? "true" : "false"}
      className="space-y-3 rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200"
    >
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0 space-y-1">
          <p className="text-lg font-bold break-all">
            {person.username}
            {isMe && <span className="ml-2 text-sm font-semibold text-ink-muted">({t("staff.you")})</span>}
          </p>
          <div className="flex flex-wrap gap-1.5">
            <span className={`${BADGE} bg-brand-light text-brand-dark`}>{t(ROLE_LABEL[person.role])}</span>
            <span className={`${BADGE} ${person.disabled ? "bg-failed-light text-failed" : "bg-paid-light text-paid"}`}>
              {t(person.disabled ? "staff.stateDisabled" : "staff.stateActive")}
            </span>
            <span className={`${BADGE} bg-slate-100 text-ink-muted`}>
              {t(person.hasPin ? "staff.hasPin" : "staff.noPin")}
            </span>
            {person.isDemo && <span className={`${BADGE} bg-pending-light text-pending`}>{t("staff.demo")}</span>}
          </div>
          <p className="text-sm text-ink-muted">
            {person.lastSignInAt
              ? t("staff.lastSignIn", { time: when(person.lastSignInAt) })
              : t("staff.neverSignedIn")}
          </p>
        </div>
        {allowed.size > 0 && (
          <Button
            variant={open ? "ghost" : "secondary"}
            size="md"
            data-testid={`staff-manage-${person.username}`}
            aria-expanded={open}
            aria-label={open ? t("staff.closePanel") : t("staff.manageTitle", { username: person.username })}
            onClick={() => setOpen(!open)}
          >
            {open ? t("staff.closePanel") : t("staff.manage")}
          </Button>
        )}
      </div>
      {isMe && <p className="text-sm text-ink-muted">{t("staff.selfNote")}</p>}
      {!isMe && allowed.size === 0 && <p className="text-sm text-ink-muted">{t("staff.nothingAllowed")}</p>}
      {open && allowed.size > 0 && (
        <StaffPanel person={person} allowed={allowed} minPasswordLength={minPasswordLength} />
      )}
    </li>
  );
}
