"use client";

import Link from "next/link";
import { useT } from "@/components/i18n/i18n-provider";
import { buttonClasses } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import type { StaffUser } from "@/lib/auth/roles";
import { AddStaffForm } from "./add-staff-form";
import { StaffCard } from "./staff-card";
import { useStaffList } from "./use-staff";
import "@/lib/i18n/catalog/common";
import "@/lib/i18n/catalog/staff";

type Props = { me: StaffUser; timeZone: string; minPasswordLength: number };

/** For managers and owners: everyone's account, adding people, and what each may change (issue 9). */
export function StaffScreen({ me, timeZone, minPasswordLength }: Props) {
  const t = useT();
  const list = useStaffList();
  return (
    <div data-testid="staff-screen" className="mx-auto w-full max-w-3xl space-y-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="space-y-1">
          <h1 className="text-2xl font-bold">{t("staff.title")}</h1>
          <p className="text-ink-muted">{t("staff.intro")}</p>
          {me.role === "manager" && <p className="text-ink-muted">{t("staff.introManager")}</p>}
        </div>
        <Link
          href="/staff/me"
          data-testid="staff-my-account"
          aria-label={t("staff.myAccountLinkLabel")}
          className={buttonClasses("secondary", "md")}
        >
          {t("common.myAccountLink")}
        </Link>
      </div>

      <AddStaffForm myRole={me.role} minPasswordLength={minPasswordLength} />

      <section aria-labelledby="staff-list-title" className="space-y-2">
        <h2 id="staff-list-title" className="text-xl font-bold">
          {t("staff.listTitle")}
        </h2>
        {list.isPending && (
          <p className="flex items-center gap-2 text-ink-muted">
            <Spinner className="size-5" /> {t("common.loading")}
          </p>
        )}
        {list.isError && (
          <p
            role="alert"
            data-testid="staff-load-error"
            className="rounded-xl bg-failed-light p-3 font-semibold text-failed"
          >
            {t("staff.loadError")}
          </p>
        )}
        {list.data?.length === 0 && <p>{t("staff.empty")}</p>}
        {list.data && list.data.length > 0 && (
          <ul data-testid="staff-list" className="space-y-3">
            {list.data.map((person) => (
              <StaffCard
                key={person.id}
                person={person}
                me={me}
                timeZone={timeZone}
                minPasswordLength={minPasswordLength}
              />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
