import { useEffect, useRef } from "react";
import { useApiErrorText } from "@/components/errors/error-text";
import { useT } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { useFocusOnChange } from "@/components/ui/use-focus-on-change";
import type { MessageKey } from "@/lib/i18n/messages";
import type { CancelRefusal, CancelState } from "./sale-machine";
import "@/lib/i18n/catalog/errors";
import "@/lib/i18n/catalog/sale-steps";

export type CancelHandlers = { onAsk: () => void; onKeep: () => void; onConfirm: () => void };

const REFUSAL_TEXT: Record<Exclude<CancelRefusal, "rejected">, MessageKey> = {
  not_found: "sale.cancelRefusedNotFound",
  conflict: "sale.cancelRefusedConflict",
  unreachable: "sale.cancelRefusedUnreachable",
  approval_required: "sale.cancelRefusedApproval",
};

/** "The customer will not be charged. Cancel?": one deliberate second tap before anything is sent. */
function CancelConfirm({ onKeep, onConfirm }: Pick<CancelHandlers, "onKeep" | "onConfirm">) {
  const t = useT();
  const headingRef = useFocusOnChange<HTMLHeadingElement>("confirm");
  return (
    <div
      role="group"
      aria-labelledby="cancel-confirm-title"
      data-testid="cancel-confirm"
      className="space-y-2 rounded-2xl bg-white p-3 ring-2 ring-failed/60 sm:space-y-3 sm:p-4"
    >
      <h2
        id="cancel-confirm-title"
        ref={headingRef}
        tabIndex={-1}
        className="text-lg font-bold focus:outline-none sm:text-xl"
      >
        {t("sale.cancelConfirmTitle")}
      </h2>
      <p className="text-sm text-ink-muted">{t("sale.cancelConfirmHint")}</p>
      {/* Side by side on a short screen too, so both answers are in its first screen (docs/phone-layout.md §4). */}
      <div className="grid gap-3 short:grid-cols-2 short:gap-2 sm:grid-cols-2">
        <Button
          data-testid="cancel-confirm-button"
          variant="danger"
          size="lg"
          className="short:px-3 short:text-base"
          onClick={onConfirm}
        >
          {t("sale.cancelConfirm")}
        </Button>
        <Button
          data-testid="cancel-keep-button"
          variant="secondary"
          size="lg"
          className="short:px-3 short:text-base"
          onClick={onKeep}
        >
          {t("sale.cancelKeep")}
        </Button>
      </div>
    </div>
  );
}

/**
 * "Cancel payment" on a payment that is still open, for when the customer walks away. A refusal
 * (no answer, no such payment) is said in plain words and the cashier may try again. While a
 * manager's approval is asked for (someone else's payment), the sale screen shows the approval
 * dialog over this.
 */
export function CancelControl({ cancel, onAsk, onKeep, onConfirm }: { cancel: CancelState } & CancelHandlers) {
  const t = useT();
  const errorText = useApiErrorText();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const previous = useRef(cancel.phase);
  useEffect(() => {
    // Back from the confirm step ("keep waiting") or from an approval dialog closed unapproved:
    // focus returns to where the cashier was.
    if (previous.current === "confirming" && cancel.phase === "none") buttonRef.current?.focus();
    if (previous.current === "approving" && cancel.phase === "refused") buttonRef.current?.focus();
    previous.current = cancel.phase;
  }, [cancel.phase]);

  if (cancel.phase === "confirming") return <CancelConfirm onKeep={onKeep} onConfirm={onConfirm} />;
  if (cancel.phase === "sending" || cancel.phase === "requested") return null;
  return (
    <div className="space-y-2">
      {cancel.phase === "refused" && (
        <p
          role="alert"
          data-testid="cancel-refused"
          data-reason={cancel.reason}
          className="rounded-xl bg-white/80 p-3 text-center font-semibold text-failed"
        >
          {cancel.reason === "rejected"
            ? t("sale.cancelRefusedOther", {
                message: cancel.error ? errorText(cancel.error) : t("errors.kindRequest"),
              })
            : t(REFUSAL_TEXT[cancel.reason])}
        </p>
      )}
      <Button
        ref={buttonRef}
        data-testid="cancel-payment-button"
        variant="secondary"
        size="lg"
        className="w-full"
        onClick={onAsk}
      >
        {t("sale.cancelPayment")}
      </Button>
    </div>
  );
}
