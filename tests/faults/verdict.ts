/**
 * The fault campaign's verdict for one payment: the ledger against the sandbox's own record of
 * what the customer was charged (issue 8). Pure, so its rules are unit-tested.
 *
 * Never allowed: the ledger says failed/cancelled while the customer was charged and no manager
 * alert exists; paid for money that was not charged, or at another amount. `needs_attention` is a
 * hand-over, allowed only as an alert about a real charge (charged after failure, amount
 * mismatch) or while the sandbox itself has not decided (no record, or still pending).
 */
type LedgerFacts = { status: string; amount: number; attentionKind: string | null };
type SandboxFacts = { status: string; charged: boolean; txamt: string; faults: readonly string[] };

type Judgement = { ok: boolean; category: string };

export function judge(ledger: LedgerFacts, record: SandboxFacts | undefined): Judgement {
  const charged = record?.charged === true;
  const sameAmount = record !== undefined && Number(record.txamt) === ledger.amount;
  const undecided = record === undefined || record.status === "pending";
  switch (ledger.status) {
    case "paid":
    case "refunded":
    case "partially_refunded":
      if (!charged) return { ok: false, category: "paid_but_not_charged" };
      return sameAmount ? { ok: true, category: "paid" } : { ok: false, category: "paid_at_another_amount" };
    case "failed":
    case "cancelled":
      return charged
        ? { ok: false, category: "failed_but_charged" }
        : { ok: true, category: `${ledger.status}_not_charged` };
    case "needs_attention":
      if (ledger.attentionKind === "charged_after_failure")
        return charged
          ? { ok: true, category: "alert_charged_after_failure" }
          : { ok: false, category: "alert_but_not_charged" };
      if (ledger.attentionKind === "mismatch")
        return charged && !sameAmount
          ? { ok: true, category: "alert_amount_mismatch" }
          : { ok: false, category: "mismatch_alert_wrong" };
      if (undecided)
        return {
          ok: true,
          category: record === undefined ? "attention_no_record_at_qfpay" : "attention_undecided_at_qfpay",
        };
      return { ok: false, category: charged ? "attention_but_charged" : "attention_but_decided" };
    default:
      return { ok: false, category: `left_${ledger.status}` };
  }
}
