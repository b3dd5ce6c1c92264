type StatusFact = { label: string; value: string; testId?: string; mono?: boolean };

/** Label/value pairs under an outcome: wallet, code, QFPay number, time. */
export function StatusFacts({ facts }: { facts: StatusFact[] }) {
  return (
    <dl className="divide-y divide-black/10 rounded-2xl bg-white/70 px-4">
      {facts.map((fact) => (
        <div key={fact.label} className="flex flex-wrap items-baseline justify-between gap-x-4 py-2">
          <dt className="text-ink-muted">{fact.label}</dt>
          <dd
            data-testid={fact.testId}
            className={`text-right font-semibold break-all ${fact.mono ? "font-mono" : ""}`}
          >
            {fact.value}
          </dd>
        </div>
      ))}
    </dl>
  );
}
