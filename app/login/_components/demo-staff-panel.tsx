import { useT } from "@/components/i18n/i18n-provider";
import { ROLE_LABEL } from "@/components/shell/role-label";
import type { Role } from "@/lib/auth/roles";
import "@/lib/i18n/catalog/auth-sign-in";

export type DemoAccount = { username: string; password: string; pin: string; role: Role };

/** Demo mode only: the seeded staff, each one tap from a filled-in form. */
export function DemoStaffPanel({
  accounts,
  onPick,
}: {
  accounts: ReadonlyArray<DemoAccount>;
  onPick: (account: DemoAccount) => void;
}) {
  const t = useT();
  return (
    <section
      aria-labelledby="demo-staff-title"
      data-testid="demo-staff"
      className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200"
    >
      <h2 id="demo-staff-title" className="text-lg font-bold">
        {t("auth.demoStaffTitle")}
      </h2>
      <p className="mt-1 text-sm text-ink-muted">{t("auth.demoStaffHint")}</p>
      <ul className="mt-3 space-y-2">
        {accounts.map((account) => (
          <li key={account.username}>
            <button
              type="button"
              data-testid={`demo-fill-${account.username}`}
              aria-label={t("auth.demoFill", { username: account.username })}
              onClick={() => onPick(account)}
              className="flex min-h-touch w-full items-center justify-between gap-3 rounded-xl border-2 border-slate-200 px-4 py-2 text-left hover:border-brand hover:bg-brand-light focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-brand"
            >
              <span>
                <span className="block font-semibold">{account.username}</span>
                <span className="block text-sm text-ink-muted">{t(ROLE_LABEL[account.role])}</span>
              </span>
              <span className="text-right font-mono text-sm text-ink-muted">
                <span className="block">{account.password}</span>
                <span className="block">{t("auth.demoPin", { pin: account.pin })}</span>
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
