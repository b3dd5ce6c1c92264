import { describe, expect, it } from "vitest";
import { parseNotification } from "@/lib/qfpay/notifications";
import { verifyNotificationSignature } from "@/lib/qfpay/sign";

// docs/qfpay.md §7: Python json.dumps style, as QFPay sends it.
const PAYMENT_BODY =
  '{"status": "1", "notify_type": "payment", "pay_type": "800208", "syssn": "20260301000300020081074842", ' +
  '"out_trade_no": "ST20260301100000ABCDEFGHIJ", "txamt": "880", "txcurrcd": "HKD", "txdtm": "2026-03-01 10:00:05", ' +
  '"sysdtm": "2026-03-01 10:00:06", "paydtm": "2026-03-01 10:00:09", "cancel": "0", "respcd": "0000", ' +
  '"goods_name": "\\u5976\\u8336", "cash_fee": "880", "brand_new_field": {"nested": [1, 2]}}';

describe("parseNotification (docs/qfpay.md §7)", () => {
  it("reads a payment notification and keeps every field, unknown ones included, in raw", () => {
    const parsed = parseNotification(PAYMENT_BODY);
    expect(parsed).toEqual({
      notifyType: "payment",
      outTradeNo: "ST20260301100000ABCDEFGHIJ",
      syssn: "20260301000300020081074842",
      respcd: "0000",
      amount: 880,
      cancel: "0",
      raw: JSON.parse(PAYMENT_BODY) as Record<string, unknown>,
    });
    expect(parsed?.raw.goods_name).toBe("奶茶");
    expect(parsed?.raw.brand_new_field).toEqual({ nested: [1, 2] });
  });

  it("reads a refund notification, whose syssn is the refund's own", () => {
    const body = JSON.stringify({
      notify_type: "refund",
      out_trade_no: "RF1",
      syssn: "20260301000300020081079999",
      txamt: 300,
      cancel: "0",
      respcd: "0000",
      orig_out_trade_no: "ST1",
    });
    expect(parseNotification(body)).toMatchObject({
      notifyType: "refund",
      outTradeNo: "RF1",
      syssn: "20260301000300020081079999",
      amount: 300,
      raw: { orig_out_trade_no: "ST1" },
    });
  });

  it("passes an unfamiliar notify_type through and marks a missing one as empty", () => {
    expect(parseNotification('{"notify_type": "preauth", "out_trade_no": "A"}')?.notifyType).toBe("preauth");
    expect(parseNotification('{"out_trade_no": "A"}')).toEqual({
      notifyType: "",
      outTradeNo: "A",
      syssn: null,
      respcd: null,
      amount: null,
      cancel: null,
      raw: { out_trade_no: "A" },
    });
  });

  it("reads a malformed amount as null rather than guessing", () => {
    expect(parseNotification('{"out_trade_no": "A", "txamt": "8.80"}')?.amount).toBeNull();
    expect(parseNotification('{"out_trade_no": "A", "txamt": -5}')?.amount).toBeNull();
  });

  it.each([
    ["not JSON", "status=1&out_trade_no=A"],
    ["truncated JSON", '{"out_trade_no": "A"'],
    ["empty", ""],
    ["an array", '[{"out_trade_no": "A"}]'],
    ["null", "null"],
    ["a string", '"A"'],
    ["a number", "42"],
    ["no out_trade_no", '{"notify_type": "payment", "syssn": "1"}'],
    ["an empty out_trade_no", '{"out_trade_no": "  "}'],
    ["an object as out_trade_no", '{"out_trade_no": {"id": "A"}}'],
  ])("returns null for %s", (_name, body) => {
    expect(parseNotification(body)).toBeNull();
  });

  it("accepts a leading byte-order mark", () => {
    expect(parseNotification('\uFEFF{"out_trade_no": "A"}')?.outTradeNo).toBe("A");
  });

  it("leaves the signature to sign.ts, over the same raw bytes (docs/qfpay.md §7 test vector)", () => {
    const body =
      '{"status": "1", "notify_type": "payment", "txamt": "10", "out_trade_no": "T1", "goods_name": "\\u5976\\u8336"}';
    expect(verifyNotificationSignature(body, "BEABEB8D53D380B5B53382BC6705699E", "TESTKEY")).toBe(true);
    expect(parseNotification(body)).toMatchObject({ notifyType: "payment", outTradeNo: "T1", amount: 10 });
  });
});
