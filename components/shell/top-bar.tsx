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
import { TopBarMenu, TopBarMenuButton, TopBarMenuPart } from "./top-bar-menu";
import "@/lib/i18n/catalog/auth";
import "@/lib/i18n/catalog/common";

/**
 * Managers' count of payments that need them: it reads the server through TanStack Query, which
 * is loaded with it after the page is up, not in every page's first load (docs/first-load.md).
 */
const AttentionCount = clientLazy(async () => {
  const [{ AttentionCount }, { QueryProvider }] = await Promise.all([
    import("./attention-count"),
    import("@/components/providers/query-provider"),
  ]);
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
 *
 * Below `md` it is one row of fixed height whatever appears in it: badges shrink to an icon and a
 * count, online/offline to a dot, Lock to its icon, and the pages and the account go behind the
 * menu button (docs/phone-layout.md §2). From `md` up it is the bar tablets always had.
 */
export function TopBar({ isDemo }: { isDemo: boolean }) {
  const t = useT();
  // The person the till knows is here (not whoever the page's HTML was rendered for: issue 9).
  const { staff: user } = useTillSession();
  if (!user) return null;
  const role = t(ROLE_LABEL[user.role]);
  return (
    <header data-testid="top-bar" className="sticky top-0 z-10 border-b border-slate-200 bg-white/95 backdrop-blur">
      <TopBarMenu>
        {/* Below md: one 44 px line in a fixed 56 px bar; the open menu wraps under it, over the page. */}
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-3 gap-y-1 px-3 py-1.5 max-md:h-14 max-md:content-start max-md:gap-x-1.5 max-md:gap-y-0">
          {/*
            Below md the name gives way (basis 0) rather than push a control off the line: with the
            badges and the offline dot in the line it no longer fits beside DEMO, and goes.
          */}
          <div className="flex min-w-0 items-center gap-2 max-md:grow max-md:basis-0 max-md:@container">
            <span className="truncate text-lg font-bold text-brand @max-[8.75rem]:hidden">{t("common.appName")}</span>
            {isDemo && <DemoBadge />}
          </div>
          <TopBarMenuPart part="pages">
            <NavLinks role={user.role} />
          </TopBarMenuPart>
          {hasRole(user.role, "manager") && <AttentionCount />}
          <OutboxCount />
          <div className="ml-auto flex items-center gap-2 max-md:contents">
            <ConnectivityIndicator />
            <TopBarMenuPart part="account" className="max-md:flex-wrap max-md:items-center max-md:gap-2">
              {/* The name opens the person's own PIN and password page (every role, issue 9). */}
              <ShellLink
                href="/staff/me"
                data-testid="current-user"
                data-role={user.role}
                className="rounded-lg px-1 text-sm text-ink-muted hover:bg-slate-200 focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-brand max-md:mr-auto max-md:flex max-md:min-h-touch max-md:items-center max-md:px-3 max-md:text-base"
                title={`${t("auth.signedInAs", { username: user.username, role })} · ${t("common.myAccountLink")}`}
              >
                <span className="font-semibold text-ink">{user.username}</span>
                <span>&nbsp;· {role}</span>
              </ShellLink>
              <LanguageSwitch />
              {/* Lock, then Sign out, as tablets always had them; below md Lock stays in the line. */}
              <SignOutButton className="md:order-2" />
            </TopBarMenuPart>
            <LockButton className="md:order-1" />
            <TopBarMenuButton />
          </div>
        </div>
      </TopBarMenu>
    </header>
  );
}
