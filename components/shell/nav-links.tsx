import { usePathname } from "next/navigation";
import { useT } from "@/components/i18n/i18n-provider";
import { hasRole, type Role } from "@/lib/auth/roles";
import type { MessageKey } from "@/lib/i18n/messages";
import { ShellLink } from "./shell-link";
import "@/lib/i18n/catalog/common";

const LINKS: ReadonlyArray<{ href: string; label: MessageKey; testId: string; minRole: Role }> = [
  { href: "/sale", label: "common.navSale", testId: "nav-sale", minRole: "cashier" },
  { href: "/payments", label: "common.navPayments", testId: "nav-payments", minRole: "cashier" },
  // The day's reconciliation with QFPay is a manager's job (the page and the API check the role too).
  { href: "/reconcile", label: "common.navReconcile", testId: "nav-reconcile", minRole: "manager" },
  // Managers manage cashiers' accounts and read the audit trail; owners everyone's (issue 9).
  { href: "/staff", label: "common.navStaff", testId: "nav-staff", minRole: "manager" },
  { href: "/audit", label: "common.navAudit", testId: "nav-audit", minRole: "manager" },
];

export function NavLinks({ role }: { role: Role }) {
  const t = useT();
  const pathname = usePathname();
  return (
    <nav aria-label={t("common.mainNav")} className="flex flex-wrap gap-1">
      {LINKS.filter((link) => hasRole(role, link.minRole)).map(({ href, label, testId }) => {
        // /staff/me is the person's own page (the top bar's name links there), not the Staff list.
        const current = pathname === href || (pathname.startsWith(`${href}/`) && pathname !== "/staff/me");
        return (
          <ShellLink
            key={href}
            href={href}
            data-testid={testId}
            aria-current={current ? "page" : undefined}
            className={`flex min-h-touch items-center rounded-xl px-3 font-semibold focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-brand sm:px-4 ${
              current ? "bg-brand text-white" : "text-ink hover:bg-slate-200"
            }`}
          >
            {t(label)}
          </ShellLink>
        );
      })}
    </nav>
  );
}
