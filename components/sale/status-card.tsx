import type { ReactNode } from "react";
import { useFocusOnChange } from "@/components/ui/use-focus-on-change";

type StatusTone = "pending" | "paid" | "failed" | "neutral";

const TONE: Record<StatusTone, { card: string; icon: string; title: string }> = {
  pending: { card: "bg-pending-light ring-pending/50", icon: "text-pending", title: "text-ink" },
  paid: { card: "bg-paid-light ring-paid", icon: "text-paid", title: "text-paid" },
  failed: { card: "bg-failed-light ring-failed/60", icon: "text-failed", title: "text-failed" },
  neutral: { card: "bg-white ring-slate-300", icon: "text-ink-muted", title: "text-ink" },
};

type Props = {
  /** The PaymentView status, or the client's own phase ("sending", "rejected"). */
  status: string;
  phase?: string;
  /** The payment shown, once the server knows it (for tests and support: which payment this screen is about). */
  outTradeNo?: string;
  tone: StatusTone;
  icon: ReactNode;
  title: string;
  amount: string;
  /** Announced when it changes: what happened and what to do. */
  children?: ReactNode;
  /** Not announced: facts and the ticking timer. */
  details?: ReactNode;
  actions?: ReactNode;
};

/**
 * The frame every outcome of a sale is shown in: one headline, one instruction, its actions, then
 * the facts. The actions come before the facts so they stay in the first screen of a phone and of
 * a tablet under a two-row bar; below `sm` the icon sits beside the headline (docs/phone-layout.md §4).
 */
export function StatusCard({
  status,
  phase,
  outTradeNo,
  tone,
  icon,
  title,
  amount,
  children,
  details,
  actions,
}: Props) {
  const headingRef = useFocusOnChange<HTMLHeadingElement>(`${status}:${phase ?? ""}`);
  return (
    <section
      data-testid="payment-status"
      data-status={status}
      data-phase={phase}
      data-out-trade-no={outTradeNo}
      aria-labelledby="payment-status-title"
      className={`mx-auto w-full max-w-xl rounded-3xl p-4 ring-2 sm:p-8 ${TONE[tone].card}`}
    >
      <div
        role="status"
        aria-live="polite"
        aria-atomic="true"
        className="flex flex-col items-center gap-1 text-center sm:gap-2"
      >
        <div className="flex items-center justify-center gap-3 sm:flex-col sm:gap-2">
          <span className={`shrink-0 max-sm:*:size-10 ${TONE[tone].icon}`}>{icon}</span>
          <h1
            id="payment-status-title"
            ref={headingRef}
            tabIndex={-1}
            className={`text-2xl font-bold focus:outline-none sm:text-4xl ${TONE[tone].title}`}
          >
            {title}
          </h1>
        </div>
        <p data-testid="status-amount" className="text-4xl font-bold tabular-nums sm:text-5xl">
          {amount}
        </p>
        {children && <div className="mt-1 space-y-1 text-base sm:mt-2 sm:space-y-2 sm:text-lg">{children}</div>}
      </div>
      {actions && <div className="mt-4 flex flex-col gap-3 sm:mt-6">{actions}</div>}
      {details && <div className="mt-4 sm:mt-5">{details}</div>}
    </section>
  );
}
