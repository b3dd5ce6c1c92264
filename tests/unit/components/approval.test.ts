/**
 * Manager approval on the cashier's till (issue 9), the browser's side: reading the dialog's form,
 * reading the server's answer, who is offered as a PIN approver, and the refund and cancel steps
 * around the dialog (refund keys reused exactly as before; nothing sent again by itself).
 */
import { describe, expect, it } from "vitest";
import { approvalAnswer, pinDigits, readApprovalForm } from "@/components/approval/approval";
import { pinApprovers } from "@/components/approval/use-approvers";
import {
  initialRefundState,
  refundReducer,
  type TillRefundAttempt,
  type RefundState,
} from "@/components/payments/refund-machine";
import { cancelWasSent, saleReducer, type SaleState, type ScanAttempt } from "@/components/sale/sale-machine";
import { approval as approvalText } from "@/lib/i18n/catalog/approval";
import type { RefundView } from "@/lib/contract/payments";

describe("the approval form", () => {
  it("sends a username (trimmed, lower case) and a 4–6 digit PIN, or a password", () => {
    expect(readApprovalForm({ username: " Manager ", mode: "pin", secret: "2468" })).toEqual({
      username: "manager",
      pin: "2468",
    });
    expect(readApprovalForm({ username: "manager", mode: "pin", secret: "123456" })).toEqual({
      username: "manager",
      pin: "123456",
    });
    expect(readApprovalForm({ username: "manager", mode: "password", secret: " pass word " })).toEqual({
      username: "manager",
      password: " pass word ",
    });
  });

  it("says what to fix before anything is sent", () => {
    expect(readApprovalForm({ username: "  ", mode: "pin", secret: "2468" })).toEqual({
      problem: "approval.needUsername",
      field: "username",
    });
    expect(readApprovalForm({ username: "manager", mode: "pin", secret: "246" })).toEqual({
      problem: "approval.needPin",
      field: "secret",
    });
    expect(readApprovalForm({ username: "manager", mode: "pin", secret: "1234567" })).toEqual({
      problem: "approval.needPin",
      field: "secret",
    });
    expect(readApprovalForm({ username: "manager", mode: "pin", secret: "12a4" })).toEqual({
      problem: "approval.needPin",
      field: "secret",
    });
    expect(readApprovalForm({ username: "manager", mode: "password", secret: "" })).toEqual({
      problem: "approval.needPassword",
      field: "secret",
    });
  });

  it("keeps only digits in the PIN field, at most six", () => {
    expect(pinDigits("12 34")).toBe("1234");
    expect(pinDigits("12345678")).toBe("123456");
    expect(pinDigits("ab")).toBe("");
  });

  it("has every text in English and Traditional Chinese", () => {
    expect(Object.keys(approvalText["zh-HK"]).sort()).toEqual(Object.keys(approvalText.en).sort());
    for (const text of Object.values(approvalText["zh-HK"])) expect(text).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe("the server's answer", () => {
  it("tells 'ask for an approval' and 'the approval was refused' from any other refusal", () => {
    expect(approvalAnswer(403, "approval_required")).toBe("required");
    expect(approvalAnswer(403, "approval_refused")).toBe("refused");
    expect(approvalAnswer(403, "forbidden")).toBeNull();
    expect(approvalAnswer(409, "approval_refused")).toBeNull();
    expect(approvalAnswer(400, "invalid_request")).toBeNull();
  });
});

describe("who is offered as a PIN approver", () => {
  it("managers and owners enrolled on this till with a PIN, never cashiers", () => {
    expect(
      pinApprovers([
        { username: "cashier", role: "cashier", hasPin: true },
        { username: "manager", role: "manager", hasPin: true },
        { username: "nopin", role: "manager", hasPin: false },
        { username: "owner", role: "owner", hasPin: true },
      ]),
    ).toEqual(["manager", "owner"]);
  });
});

const attempt: TillRefundAttempt = { amount: 1250, outTradeNo: "RFKEY0001" };
const refused = (code: string) => ({ kind: "refused" as const, attempt, status: 403, error: { code, message: "no" } });
const refundView = (status: RefundView["status"]): RefundView => ({
  outTradeNo: attempt.outTradeNo,
  paymentOutTradeNo: "PAY0000001",
  amount: 1250,
  currency: "HKD",
  status,
  respcd: null,
  message: null,
  failureReason: null,
  syssn: null,
  createdBy: "cashier",
  approvedBy: "manager",
  createdAt: "",
  updatedAt: "",
});
const confirming: RefundState = { flow: { step: "confirm", amount: 1250 }, outcome: null };
const run = (state: RefundState, ...events: Parameters<typeof refundReducer>[1][]) =>
  events.reduce(refundReducer, state);

describe("a cashier's refund", () => {
  it("confirm → the approval dialog (nothing sent) → sending with the dialog busy → refunded", () => {
    const asking = run(confirming, { type: "askApproval", attempt });
    expect(asking).toEqual({ flow: { step: "approval", attempt, unsure: false, refused: false }, outcome: null });
    const sending = run(asking, { type: "send", attempt });
    expect(sending.flow).toEqual({ step: "sending", attempt, unsure: false, approving: true });
    const done = run(sending, {
      type: "settled",
      outcome: { kind: "answered", attempt, refund: refundView("succeeded") },
    });
    expect(done.flow).toEqual({ step: "choose" });
    expect(done.outcome).toMatchObject({ kind: "answered" });
  });

  it("a refused approval stays in the dialog with the same key; nothing else is offered", () => {
    const back = run(
      confirming,
      { type: "askApproval", attempt },
      { type: "send", attempt },
      { type: "settled", outcome: refused("approval_refused") },
    );
    expect(back).toEqual({ flow: { step: "approval", attempt, unsure: false, refused: true }, outcome: null });
    // The next Approve sends the same attempt.
    expect(run(back, { type: "send", attempt }).flow).toEqual({
      step: "sending",
      attempt,
      unsure: false,
      approving: true,
    });
    // Another key cannot be sent from the dialog.
    expect(run(back, { type: "send", attempt: { amount: 1250, outTradeNo: "RFOTHER01" } })).toBe(back);
  });

  it("closing the dialog goes back to the confirm step: nothing was refunded, so a new key is safe there", () => {
    const asking = run(confirming, { type: "askApproval", attempt });
    expect(run(asking, { type: "dismissApproval" })).toEqual(confirming);
    // Not while its request runs.
    const sending = run(asking, { type: "send", attempt });
    expect(run(sending, { type: "dismissApproval" })).toBe(sending);
  });

  it("a manager's refund that the server says needs an approval opens the dialog too", () => {
    const sent = run(confirming, { type: "send", attempt });
    expect(sent.flow).toEqual({ step: "sending", attempt, unsure: false, approving: false });
    expect(run(sent, { type: "settled", outcome: refused("approval_required") }).flow).toEqual({
      step: "approval",
      attempt,
      unsure: false,
      refused: false,
    });
    // Any other 403 is a refusal as before.
    expect(run(sent, { type: "settled", outcome: refused("forbidden") })).toMatchObject({
      flow: { step: "choose" },
      outcome: { kind: "refused" },
    });
  });

  it("no answer: the resend may ask for the approval again, for the same key only, and stays unsure", () => {
    const lost = run(
      confirming,
      { type: "askApproval", attempt },
      { type: "send", attempt },
      { type: "settled", outcome: { kind: "unknown", attempt } },
    );
    expect(lost).toEqual({ flow: { step: "choose" }, outcome: { kind: "unknown", attempt } });
    // A new refund is never offered, with or without approval.
    expect(run(lost, { type: "askApproval", attempt: { amount: 1250, outTradeNo: "RFNEW0001" } })).toBe(lost);
    expect(run(lost, { type: "review", amount: 100 })).toBe(lost);
    const asking = run(lost, { type: "askApproval", attempt });
    expect(asking).toEqual({
      flow: { step: "approval", attempt, unsure: true, refused: false },
      outcome: { kind: "unknown", attempt },
    });
    // Refused again: still unsure, still the same key.
    const again = run(asking, { type: "send", attempt }, { type: "settled", outcome: refused("approval_refused") });
    expect(again).toEqual({
      flow: { step: "approval", attempt, unsure: true, refused: true },
      outcome: { kind: "unknown", attempt },
    });
    // Closing the dialog leaves "send the same refund again", never the confirm step.
    expect(run(again, { type: "dismissApproval" })).toEqual(lost);
  });

  it("the unanswered refund shows up on the payment: the dialog closes, nothing to resend", () => {
    const asking = run(
      { flow: { step: "choose" }, outcome: { kind: "unknown", attempt } },
      { type: "askApproval", attempt },
    );
    const found = run(asking, { type: "found", refund: refundView("pending") });
    expect(found.flow).toEqual({ step: "choose" });
    expect(found.outcome).toMatchObject({ kind: "answered", refund: { outTradeNo: attempt.outTradeNo } });
  });

  it("a resend without the dialog (the approval kept for this attempt) is unsure and not 'approving'", () => {
    const lost: RefundState = { flow: { step: "choose" }, outcome: { kind: "unknown", attempt } };
    expect(run(lost, { type: "send", attempt }).flow).toEqual({
      step: "sending",
      attempt,
      unsure: true,
      approving: false,
    });
    expect(run(initialRefundState, { type: "askApproval", attempt })).toBe(initialRefundState);
  });
});

const scan: ScanAttempt = { outTradeNo: "ST1", scannedAt: 0, authCodeLast4: "6789", source: "manual" };
const pending: SaleState = {
  step: "status",
  amount: 500,
  attempt: scan,
  confirmed: true,
  cancel: { phase: "confirming" },
};
const sale = (state: SaleState, ...events: Parameters<typeof saleReducer>[1][]) => events.reduce(saleReducer, state);

describe("cancelling someone else's payment", () => {
  it("approval required → the dialog → sent with the approval → requested", () => {
    const asked = sale(
      pending,
      { type: "cancelSend", outTradeNo: "ST1" },
      { type: "cancelApproval", outTradeNo: "ST1", refused: false },
    );
    expect(asked).toMatchObject({ cancel: { phase: "approving", refused: false } });
    expect(cancelWasSent((asked as Extract<SaleState, { step: "status" }>).cancel)).toBe(false);
    const sending = sale(asked, { type: "cancelSend", outTradeNo: "ST1", withApproval: true });
    expect(sending).toMatchObject({ cancel: { phase: "sending", withApproval: true } });
    expect(sale(sending, { type: "cancelAnswered", outTradeNo: "ST1" })).toMatchObject({
      cancel: { phase: "requested" },
    });
  });

  it("a refused approval stays in the dialog; closing it says why nothing was cancelled", () => {
    const refusedState = sale(
      pending,
      { type: "cancelSend", outTradeNo: "ST1" },
      { type: "cancelApproval", outTradeNo: "ST1", refused: false },
      { type: "cancelSend", outTradeNo: "ST1", withApproval: true },
      { type: "cancelApproval", outTradeNo: "ST1", refused: true },
    );
    expect(refusedState).toMatchObject({ cancel: { phase: "approving", refused: true } });
    expect(sale(refusedState, { type: "cancelDismissApproval", outTradeNo: "ST1" })).toMatchObject({
      cancel: { phase: "refused", reason: "approval_required" },
    });
    // From there the cashier may ask again: the confirm step, then a plain request.
    const dismissed = sale(refusedState, { type: "cancelDismissApproval", outTradeNo: "ST1" });
    expect(sale(dismissed, { type: "cancelAsk", outTradeNo: "ST1" })).toMatchObject({
      cancel: { phase: "confirming" },
    });
  });

  it("an approval is sent only from the dialog, and a plain cancel never from it", () => {
    expect(sale(pending, { type: "cancelSend", outTradeNo: "ST1", withApproval: true })).toBe(pending);
    const asked = sale(
      pending,
      { type: "cancelSend", outTradeNo: "ST1" },
      { type: "cancelApproval", outTradeNo: "ST1", refused: false },
    );
    expect(sale(asked, { type: "cancelSend", outTradeNo: "ST1" })).toBe(asked);
    expect(sale(asked, { type: "cancelApproval", outTradeNo: "ST1", refused: true })).toBe(asked);
    expect(sale(asked, { type: "cancelDismissApproval", outTradeNo: "OTHER" })).toBe(asked);
  });
});
