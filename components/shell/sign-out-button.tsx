import { useEffect, useState } from "react";
import { useT } from "@/components/i18n/i18n-provider";
import { useOutbox } from "@/components/payments/outbox-provider";
import { clientLazy } from "@/components/ui/client-lazy";
import { whenIdle } from "@/components/ui/when-idle";
import "@/lib/i18n/catalog/common";

const loadRefused = () => import("./sign-out-refused").then((m) => m.SignOutRefused);
const SignOutRefused = clientLazy(loadRefused);

/**
 * Signs out, unless payments on this till are not sent or not settled: signing out then could lose
 * them (the code is on this device only), so it is refused with the list. The refusal and
 * next-auth's sign-out are loaded apart from every page's first load (docs/first-load.md); the
 * refusal is fetched when the page is idle, so it is there offline, when it is most likely.
 */
export function SignOutButton({ className = "" }: { className?: string }) {
  const t = useT();
  const { outstanding, ready } = useOutbox();
  const [busy, setBusy] = useState(false);
  const [refused, setRefused] = useState(false);
  useEffect(() => whenIdle(loadRefused), []);
  return (
    <>
      <button
        type="button"
        data-testid="sign-out"
        disabled={busy || !ready}
        onClick={() => {
          if (outstanding.length > 0) {
            setRefused(true);
            return;
          }
          setBusy(true);
          void import("@/lib/client/auth-client").then((auth) => auth.signOutTo("/login"));
        }}
        className={`min-h-touch rounded-xl px-3 font-semibold text-ink-muted hover:bg-slate-200 hover:text-ink focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-brand disabled:opacity-60 ${className}`}
      >
        {t("common.signOut")}
      </button>
      {refused && <SignOutRefused onClose={() => setRefused(false)} />}
    </>
  );
}
