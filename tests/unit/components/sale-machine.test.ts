/** The sale screen's steps that the outbox adds: resume after a reload, and "ask for a fresh code". */
import { describe, expect, it } from "vitest";
import { initialSaleState, saleReducer, type SaleState, type ScanAttempt } from "@/components/sale/sale-machine";

const attempt: ScanAttempt = { outTradeNo: "ST1", scannedAt: 0, authCodeLast4: "6789", source: "manual" };

describe("resume", () => {
  it("shows the outbox's open payment only on an untouched keypad", () => {
    expect(saleReducer(initialSaleState, { type: "resume", amount: 500, attempt, at: "confirmed" })).toMatchObject({
      step: "status",
      confirmed: true,
      amount: 500,
    });
    expect(saleReducer(initialSaleState, { type: "resume", amount: 500, attempt, at: "sending" })).toMatchObject({
      step: "sending",
    });
    expect(saleReducer(initialSaleState, { type: "resume", amount: 500, attempt, at: "unconfirmed" })).toMatchObject({
      step: "status",
      confirmed: false,
    });
    const keyed: SaleState = { step: "keypad", amount: 120 };
    expect(saleReducer(keyed, { type: "resume", amount: 500, attempt, at: "confirmed" })).toBe(keyed);
  });
});

describe("expired", () => {
  const sending: SaleState = { step: "sending", amount: 500, attempt, try: 1 };
  it("moves a payment that never reached the server to 'ask for a fresh code', and a rescan keeps the amount", () => {
    const expired = saleReducer(sending, { type: "expired", outTradeNo: "ST1" });
    expect(expired).toMatchObject({ step: "expired", amount: 500 });
    expect(saleReducer(expired, { type: "rescan" })).toEqual({ step: "scanning", amount: 500 });
  });
  it("ignores another payment's expiry, and never expires one the server confirmed", () => {
    expect(saleReducer(sending, { type: "expired", outTradeNo: "OTHER" })).toBe(sending);
    const confirmed: SaleState = { step: "status", amount: 500, attempt, confirmed: true, cancel: { phase: "none" } };
    expect(saleReducer(confirmed, { type: "expired", outTradeNo: "ST1" })).toBe(confirmed);
  });
});
