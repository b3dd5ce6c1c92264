import { useT } from "@/components/i18n/i18n-provider";
import { OutboxList } from "@/components/payments/outbox-list";
import { Button } from "@/components/ui/button";
import { useFocusOnChange } from "@/components/ui/use-focus-on-change";
import "@/lib/i18n/catalog/outbox-sign-out";

/** Says why signing out is refused, with the payments that hold it up. */
export function SignOutRefused({ onClose }: { onClose: () => void }) {
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
        <h2
          id="sign-out-refused-title"
          ref={headingRef}
          tabIndex={-1}
          className="text-2xl font-bold focus:outline-none"
        >
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
