import { useT } from "@/components/i18n/i18n-provider";
import type { FailureKind } from "@/lib/contract/payments";
import { FAILURE_INSTRUCTION } from "./payment-labels";
import "@/lib/i18n/catalog/payments";

/** What the cashier should do next after a failed payment, in plain words. */
export function FailureMessage({ kind, className = "" }: { kind: FailureKind | null; className?: string }) {
  const t = useT();
  return (
    <p data-testid="failure-message" data-failure-kind={kind ?? "unknown"} className={className}>
      {t(kind ? FAILURE_INSTRUCTION[kind] : "payments.failureUnknown")}
    </p>
  );
}
