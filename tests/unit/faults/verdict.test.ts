/** The fault campaign's per-payment verdict (tests/faults/verdict.ts). */
import { describe, expect, it } from "vitest";
import { judge } from "../../faults/verdict";

const rec = (over: Partial<{ status: string; charged: boolean; txamt: string; faults: string[] }> = {}) => ({
  status: "paid",
  charged: true,
  txamt: "1000",
  faults: [],
  ...over,
});
const led = (status: string, attentionKind: string | null = null, amount = 1000) => ({ status, amount, attentionKind });

describe("judge", () => {
  it("fails a payment the ledger calls failed or cancelled while the customer was charged", () => {
    expect(judge(led("failed"), rec())).toEqual({ ok: false, category: "failed_but_charged" });
    expect(judge(led("cancelled"), rec())).toEqual({ ok: false, category: "failed_but_charged" });
    expect(judge(led("failed"), rec({ status: "failed", charged: false }))).toMatchObject({ ok: true });
    expect(judge(led("cancelled"), undefined)).toMatchObject({ ok: true });
  });

  it("accepts a charge only as paid at the same amount, or as a manager's alert", () => {
    expect(judge(led("paid"), rec())).toMatchObject({ ok: true });
    expect(judge(led("paid"), rec({ txamt: "1001" }))).toMatchObject({ ok: false, category: "paid_at_another_amount" });
    expect(judge(led("paid"), rec({ charged: false, status: "cancelled" }))).toMatchObject({ ok: false });
    expect(judge(led("needs_attention", "charged_after_failure"), rec())).toMatchObject({ ok: true });
    expect(judge(led("needs_attention", "mismatch"), rec({ txamt: "1001" }))).toMatchObject({ ok: true });
    expect(judge(led("needs_attention", "mismatch"), rec())).toMatchObject({ ok: false });
  });

  it("allows an unsettled hand-over only while the sandbox itself has not decided", () => {
    expect(judge(led("needs_attention", "unsettled"), undefined)).toMatchObject({ ok: true });
    expect(judge(led("needs_attention", "unsettled"), rec({ status: "pending", charged: false }))).toMatchObject({
      ok: true,
    });
    expect(judge(led("needs_attention", "unsettled"), rec())).toMatchObject({
      ok: false,
      category: "attention_but_charged",
    });
    expect(judge(led("needs_attention", "unsettled"), rec({ status: "failed", charged: false }))).toMatchObject({
      ok: false,
    });
    expect(judge(led("pending"), rec())).toMatchObject({ ok: false, category: "left_pending" });
  });
});
