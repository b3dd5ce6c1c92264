import { signOut } from "next-auth/react";
import { useState } from "react";
import { useT } from "@/components/i18n/i18n-provider";

export function SignOutButton() {
  const t = useT();
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      data-testid="sign-out"
      disabled={busy}
      onClick={() => {
        setBusy(true);
        void signOut({ callbackUrl: "/login" });
      }}
      className="min-h-touch rounded-xl px-3 font-semibold text-ink-muted hover:bg-slate-200 hover:text-ink focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-brand disabled:opacity-60"
    >
      {t("common.signOut")}
    </button>
  );
}
