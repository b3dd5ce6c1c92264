"use client";

import { useT } from "@/components/i18n/i18n-provider";
import { clientLazy } from "@/components/ui/client-lazy";
import { LanguageSwitch } from "@/components/ui/language-switch";
import { useTillSession } from "@/components/till/till-session-provider";
import { hasRole } from "@/lib/auth/roles";
import { ConnectivityIndicator } from "./connectivity-indicator";
import { DemoBadge } from "./demo-badge";
import { NavLinks } from "./nav-links";
import { OutboxCount } from "./outbox-count";
import { ROLE_LABEL } from "./role-label";
import { LockButton } from "./lock-button";
import { ShellLink } from "./shell-link";
import { SignOutButton } from "./sign-out-button";
import "@/lib/i18n/catalog/auth";
import "@/lib/i18n/catalog/common";

/**
 * Managers' count of payments that need them: it reads the server through TanStack Query, which
 * is loaded with it after the page is up, not in every page's first load (docs/first-load.md).
 */
const AttentionCount = clientLazy(async () => {
  const [{ AttentionCount }, { QueryProvider }] = await Promise.all([import("./attention-count"), import("@/components/providers/query-provider")]);
  return function AttentionCountWithQueries() {
    return (
      <QueryProvider>
        <AttentionCount />
      </QueryProvider>
    );
  };
});

/**
 * App name, who is at the till, Sale / Payments (and, for managers, Reconcile and how many payments need
 * attention), this till's unsent payments, online/offline, language, lock (switch person) and sign out, in one compact bar.
 */
export function TopBar({ isDemo }: { isDemo: boolean }) {
  const t = useT();
  // The person the till knows is here (not whoever the page's HTML was rendered for: issue 9).
  const { staff: user } = useTillSession();
  if (!user) return null;
  const role = t(ROLE_LABEL[user.role]);
  return (
    <header className="sticky top-0 z-10 border-b border-slate-200 bg-white/95 backdrop-blur">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-3 gap-y-1 px-3 py-1.5">
        <div className="flex items-center gap-2">
          <span className="text-lg font-bold text-brand">{t("common.appName")}</span>
          {isDemo && <DemoBadge />}
        </div>
        <NavLinks role={user.role} />
        {hasRole(user.role, "manager") && <AttentionCount />}
        <OutboxCount />
        <div className="ml-auto flex items-center gap-2">
          <ConnectivityIndicator />
          {/* The name opens the person's own PIN and password page (every role, issue 9). */}
          <ShellLink
            href="/staff/me"
            data-testid="current-user"
            data-role={user.role}
            className="rounded-lg px-1 text-sm text-ink-muted hover:bg-slate-200 focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-brand"
            title={`${t("auth.signedInAs", { username: user.username, role })} · ${t("common.myAccountLink")}`}
          >
            <span className="font-semibold text-ink">{user.username}</span>
            <span className="max-sm:sr-only"> · {role}</span>
          </ShellLink>
          <LanguageSwitch />
          <LockButton />
          <SignOutButton />
        </div>
      </div>
    </header>
  );
}
