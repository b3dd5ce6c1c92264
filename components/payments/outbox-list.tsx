"use client";
import { useT } from "@/components/i18n/i18n-provider";
import { useFormatters } from "@/components/ui/use-formatters";
import type { MessageKey } from "@/lib/i18n/messages";
import type { OutboxItem, OutboxPhase } from "@/lib/offline/outbox-item";
import { useOutbox } from "./outbox-provider";
import "@/lib/i18n/catalog/outbox";

const PHASE_TEXT: Partial<Record<OutboxPhase, MessageKey>> = {
  queued: "outbox.phaseQueued",
  maybe_sent: "outbox.phaseMaybeSent",
  at_server: "outbox.phaseAtServer",
};

/** One open payment of this till: amount, code tail, when it was scanned, what the outbox is doing. */
function OutboxRow({ item }: { item: OutboxItem }) {
  const t = useT();
  const format = useFormatters();
  const phase = PHASE_TEXT[item.phase];
  return (
    <li
      data-testid="outbox-item"
      data-out-trade-no={item.outTradeNo}
      data-phase={item.phase}
      className="flex flex-wrap items-baseline justify-between gap-x-3 py-2"
    >
      <span className="text-lg font-bold tabular-nums">{format.money(item.amount, item.currency)}</span>
      <span className="font-mono text-sm text-ink-muted">{t("outbox.code", { last4: item.authCodeLast4 })}</span>
      <span className="text-sm text-ink-muted">
        {t("outbox.scannedAt", { time: format.time(new Date(item.scannedAt).toISOString()) })}
      </span>
      {phase && <span className="text-sm font-semibold text-pending">{t(phase)}</span>}
    </li>
  );
}

/** The till's open payments (unsent or unsettled), except the one the sale screen is showing. */
export function OutboxList({ exclude = null, className = "" }: { exclude?: string | null; className?: string }) {
  const t = useT();
  const { outstanding } = useOutbox();
  const shown = outstanding.filter((item) => item.outTradeNo !== exclude);
  if (shown.length === 0) return null;
  return (
    <section
      data-testid="outbox-list"
      aria-labelledby="outbox-list-title"
      className={`rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200 ${className}`}
    >
      <h2 id="outbox-list-title" className="text-lg font-bold">
        {t("outbox.listTitle")}
      </h2>
      <p className="text-sm text-ink-muted">{t("outbox.listHint")}</p>
      <ul className="mt-2 divide-y divide-slate-200">
        {shown.map((item) => (
          <OutboxRow key={item.outTradeNo} item={item} />
        ))}
      </ul>
    </section>
  );
}
