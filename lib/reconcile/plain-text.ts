/**
 * A reconciliation report in plain English for `npm run reconcile` (the screen uses the i18n
 * catalogs instead). Pure.
 */
import { formatMoney, isSupportedCurrency } from "@/lib/money";
import type { LedgerSide, QfpaySide, ReconcileDifference, ReconciliationReport } from "@/lib/contract/reconcile";

const money = (amount: number | null, currency: string | null) =>
  amount === null
    ? "an unreadable amount"
    : currency && isSupportedCurrency(currency)
      ? formatMoney(amount, currency)
      : `${currency ?? "?"} ${amount}`;

const WALLET: Record<string, string> = {
  wechat: "WeChat Pay",
  alipay: "Alipay",
  unionpay: "UnionPay",
  payme: "PayMe",
  unknown: "other wallet",
};

const said = (side: LedgerSide | QfpaySide) => side.status.replace(/_/g, " ");

/** One difference as a sentence, with what to do. */
function describeDifference(d: ReconcileDifference): string {
  const what = d.record === "refund" ? "refund" : "payment";
  const ref = `${what} ${d.outTradeNo}${d.syssn ? ` (QFPay ${d.syssn})` : ""}`;
  switch (d.kind) {
    case "missing_in_ledger":
      return `${ref}: QFPay has it (${said(d.qfpay!)}, ${money(d.qfpay!.amount, d.qfpay!.currency)}) but ScanTill has no record of it. Find out who took it (another till or app on this QFPay account?)${d.record === "refund" ? "" : "; if the customer should not have paid, refund it in QFPay's merchant portal"}.`;
    case "missing_at_qfpay":
      return `${ref}: ScanTill says ${said(d.ledger!)} (${money(d.ledger!.amount, d.ledger!.currency)}) but QFPay has no record of it. Ask QFPay support before counting this money.`;
    case "amount_differs":
      return `${ref}: the amounts differ — ScanTill ${money(d.ledger?.amount ?? null, d.ledger?.currency ?? null)}, QFPay ${money(d.qfpay?.amount ?? null, d.qfpay?.currency ?? null)}. It is not counted as paid; check it with QFPay support.${d.flagged ? " It is now on the manager's attention list." : ""}`;
    case "status_differs":
      return d.flagged
        ? `${ref}: the cashier was told it ${d.ledger?.status === "cancelled" ? "was cancelled" : "failed"}, but QFPay charged the customer ${money(d.qfpay?.amount ?? null, d.qfpay?.currency ?? null)}. It is now on the manager's attention list: refund the customer, or keep it if they got the goods.`
        : `${ref}: ScanTill says ${d.ledger ? said(d.ledger) : "nothing"}, QFPay says ${d.qfpay ? said(d.qfpay) : "nothing"} (${money(d.ledger?.amount ?? d.qfpay?.amount ?? null, d.ledger?.currency ?? d.qfpay?.currency ?? null)}). Open the payment and check it with QFPay.`;
  }
}

export function describeReport(report: ReconciliationReport): string {
  const m = report.matched;
  const currency = m.currency ?? "";
  const wallets = Object.entries(m.byWallet)
    .map(([wallet, t]) => `${WALLET[wallet] ?? wallet} ${t.count} · ${money(t.amount, currency)}`)
    .join(", ");
  const lines = [
    `Reconciliation of ${report.date} (${report.timeZone}) with QFPay: ${report.clean ? "clean, no differences" : `${report.differences.length} difference${report.differences.length === 1 ? "" : "s"}`}`,
    `Matched: ${m.count} payment${m.count === 1 ? "" : "s"}, ${money(m.amount, m.currency)}${wallets ? ` (${wallets})` : ""}; ${m.refunds.count} refund${m.refunds.count === 1 ? "" : "s"}, ${money(m.refunds.amount, m.currency)}; ${m.notCharged} not charged on either side.`,
    `Records: QFPay ${report.counts.qfpay}, ScanTill ${report.counts.ledger}.`,
  ];
  if (report.differences.length) {
    lines.push("", "Differences:");
    report.differences.forEach((d, i) => lines.push(`  ${i + 1}. ${describeDifference(d)}`));
  }
  if (report.settled.length) {
    lines.push("", "Settled from QFPay's record (audited):");
    for (const s of report.settled)
      lines.push(
        `  payment ${s.outTradeNo}: ${s.from.replace(/_/g, " ")} → ${s.to.replace(/_/g, " ")} (${money(s.amount, s.currency)})`,
      );
  }
  if (report.open.length) {
    lines.push("", "Still waiting for QFPay's final answer (ScanTill keeps asking):");
    for (const o of report.open)
      lines.push(
        `  ${o.record} ${o.outTradeNo}: ${o.status.replace(/_/g, " ")}, QFPay ${o.qfpayStatus ?? "has no record yet"} (${money(o.amount, o.currency)})`,
      );
  }
  return lines.join("\n");
}
