import { signOut } from "next-auth/react";
import { useState } from "react";
import { useT } from "@/components/i18n/i18n-provider";
import { OutboxList } from "@/components/payments/outbox-list";
import { useOutbox } from "@/components/payments/outbox-provider";
import { Button } from "@/components/ui/button";
import { useFocusOnChange } from "@/components/ui/use-focus-on-change";

/** Says why signing out is refused, with the payments that hold it up. */
function SignOutRefused({ onClose }: { onClose: () => void }) {
  const t = useT();
  const headingRef = useFocusOnChange<HTMLHeadingElement>("refused");
  return (
    <div className="fixed inset-0 z-20 flex items-start justify-center bg-black/40 p-4 pt-16" onClick={onClose}>
      <div
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="sign-out-refused-title"
        data-testid="sign-out-refused"
        className="w-full max-w-xl space-y-3 rounded-3xl bg-white p-5 shadow-xl"
        onClick={(event) => event.stopPropagation()}
      >
        <h2 id="sign-out-refused-title" ref={headingRef} tabIndex={-1} className="text-2xl font-bold focus:outline-none">
          {t("outbox.signOutRefusedTitle")}
        </h2>
        <p>{t("outbox.signOutRefusedBody")}</p>
        <OutboxList />
        <Button data-testid="sign-out-refused-close" className="w-full" onClick={onClose}>
          {t("outbox.signOutRefusedClose")}
        </Button>
      </div>
    </div>
  );
}

/**
 * Signs out, unless payments on this till are not sent or not settled: signing out then could lose
 * them (the code is on this device only), so it is refused with the list.
 */
export function SignOutButton({ className = "" }: { className?: string }) {
  const t = useT();
  const { open, ready } = useOutbox();
  const [busy, setBusy] = useState(false);
  const [refused, setRefused] = useState(false);
  return (
    <>
      <button
        type="button"
        data-testid="sign-out"
        disabled={busy || !ready}
        onClick={() => {
          if (open.length > 0) {
            setRefused(true);
            return;
          }
          setBusy(true);
          void signOut({ callbackUrl: "/login" });
        }}
        className={`min-h-touch rounded-xl px-3 font-semibold text-ink-muted hover:bg-slate-200 hover:text-ink focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-brand disabled:opacity-60 ${className}`}
      >
        {t("common.signOut")}
      </button>
      {refused && <SignOutRefused onClose={() => setRefused(false)} />}
    </>
  );
}
