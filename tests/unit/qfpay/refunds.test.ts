import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { QfpayConfig } from "@/lib/qfpay/config";
import {
  classifyRefundRespcd,
  isKnownRefundRespcd,
  REFUND_RESPCD_TABLE,
  RESPCD_TABLE,
  type RefundOutcome,
} from "@/lib/qfpay/outcome";
import { sendRefund, type RefundAttempt, type RefundRequest } from "@/lib/qfpay/refunds";
import { REFUND_FAILURES } from "@/lib/contract/payments";
import { expectedSign, fakeQfpayConfig, startFakeQfpay, type FakeQfpay } from "../../support/fake-qfpay-server";
import { documentedCodes } from "../../support/qfpay-doc-codes";

const CLIENT_KEY = "unit-test-client-key-r3fd";
let fake: FakeQfpay;
let config: QfpayConfig;

const request: RefundRequest = {
  refundOutTradeNo: "RF20260301A1B2C3D4E5F6G7H8",
  originalSyssn: "20260301000300020081074842",
  amount: 300,
  // 16:10:00 UTC on 28 Feb is 00:10:00 on 1 March in Hong Kong.
  txdtm: new Date(Date.UTC(2026, 1, 28, 16, 10, 0)),
};

beforeEach(async () => {
  fake = await startFakeQfpay();
  config = fakeQfpayConfig(fake, CLIENT_KEY);
});
afterEach(async () => {
  await fake.close();
});

const succeeded: RefundOutcome = { status: "succeeded" };
const pending: RefundOutcome = { status: "pending" };
const failed = (reason: (typeof REFUND_FAILURES)[number]): RefundOutcome => ({ status: "failed", reason });

/** Every §8 code, 1124 (§5) and the historical pending codes, with the refund outcome decided by hand. */
const REFUND_CODES: Record<string, RefundOutcome> = {
  "0000": succeeded,
  // processing (§5, §8)
  "1143": pending,
  "1145": pending,
  "1295": pending,
  "1298": pending,
  // "→ query" and RETRY-later (§8)
  "1100": pending,
  "1101": pending,
  "1102": pending,
  "1136": pending,
  "1252": pending,
  "1254": pending,
  "1260": pending,
  "1261": pending,
  "1263": pending,
  "1266": pending,
  "1267": pending,
  "1268": pending,
  "2011": pending,
  "1161": pending,
  "2999": pending,
  // payment-channel codes, never seen on a refund
  "1147": pending,
  "1201": pending,
  "1202": pending,
  "1204": pending,
  "1205": pending,
  "1212": pending,
  "1296": pending,
  "1297": pending,
  "2005": pending,
  // REFUND-* (§5, §8)
  "1265": failed("window_closed"),
  "1269": failed("insufficient_takings"),
  "1270": failed("partial_not_allowed"),
  "1271": failed("partial_not_allowed"),
  "1272": failed("exceeds_refundable"),
  "1125": failed("already_refunded"),
  "1142": failed("already_refunded"),
  "1262": failed("already_refunded"),
  "1264": failed("already_refunded"),
  "1251": failed("duplicate_request"),
  // refused: FAIL-final, REFUND-final and CONFIG
  "1124": failed("refused"),
  "1150": failed("refused"),
  "1155": failed("refused"),
  "1181": failed("refused"),
  "1250": failed("refused"),
  "1294": failed("refused"),
  "1103": failed("refused"),
  "1104": failed("refused"),
  "1105": failed("refused"),
  "1106": failed("refused"),
  "1107": failed("refused"),
  "1108": failed("refused"),
  "1203": failed("refused"),
  "1241": failed("refused"),
  "1242": failed("refused"),
  "1243": failed("refused"),
};

describe("classifyRefundRespcd (§5, §8)", () => {
  it.each(Object.entries(REFUND_CODES))("%s", (code, expected) => {
    expect(classifyRefundRespcd(code)).toEqual(expected);
  });

  it("decides exactly the hand-listed codes", () => {
    expect(Object.keys(REFUND_RESPCD_TABLE).sort()).toEqual(Object.keys(REFUND_CODES).sort());
  });

  it("decides every code the payment table decides, plus 1124", () => {
    expect(Object.keys(REFUND_RESPCD_TABLE).sort()).toEqual([...Object.keys(RESPCD_TABLE), "1124"].sort());
  });

  it("only 0000 succeeds, and every failure has a known reason", () => {
    for (const [code, outcome] of Object.entries(REFUND_RESPCD_TABLE)) {
      expect(outcome.status === "succeeded").toBe(code === "0000");
      if (outcome.status === "failed") expect(REFUND_FAILURES).toContain(outcome.reason);
    }
    expect(
      new Set(Object.values(REFUND_RESPCD_TABLE).flatMap((o) => (o.status === "failed" ? [o.reason] : []))),
    ).toEqual(new Set(REFUND_FAILURES));
  });

  it.each([["9999"], ["1213"], [""], [undefined], [null], ["abc"], [0], [1143.5], [{}]])(
    "treats unknown or malformed %j as pending",
    (value) => {
      expect(classifyRefundRespcd(value)).toEqual(pending);
      expect(isKnownRefundRespcd(value)).toBe(false);
    },
  );

  it("reads numeric and padded codes, and hands out frozen outcomes", () => {
    expect(classifyRefundRespcd(1269)).toEqual(failed("insufficient_takings"));
    expect(classifyRefundRespcd(" 0000 ")).toEqual(succeeded);
    expect(Object.isFrozen(classifyRefundRespcd("1272"))).toBe(true);
    expect(Object.isFrozen(REFUND_RESPCD_TABLE)).toBe(true);
  });
});

describe("sendRefund: what QFPay receives (§5)", () => {
  it("POSTs the original syssn, the new out_trade_no, txamt and txdtm in HK time, signed", async () => {
    fake.reply({ json: { respcd: "0000" } });
    await sendRefund(config, request);
    const req = fake.requests[0];
    expect(fake.requests).toHaveLength(1);
    expect(req?.path).toBe("/trade/v1/refund");
    expect(req?.params).toEqual({
      syssn: "20260301000300020081074842",
      out_trade_no: "RF20260301A1B2C3D4E5F6G7H8",
      txamt: "300",
      txdtm: "2026-03-01 00:10:00",
    });
    expect(req?.headers["x-qf-sign"]).toBe(expectedSign(req?.params ?? {}, CLIENT_KEY, "MD5"));
  });

  it("adds mchid when one was issued", async () => {
    fake.reply({ json: { respcd: "0000" } });
    await sendRefund({ ...config, mchid: "ZaMVg12345" }, request);
    const req = fake.requests[0];
    expect(req?.params.mchid).toBe("ZaMVg12345");
    expect(req?.headers["x-qf-sign"]).toBe(expectedSign(req?.params ?? {}, CLIENT_KEY, "MD5"));
  });

  it("throws for a bad amount or an empty or comma'd number, and sends nothing", async () => {
    for (const amount of [0, -1, 2.5, Number.NaN])
      await expect(sendRefund(config, { ...request, amount })).rejects.toThrow(/amount/);
    await expect(sendRefund(config, { ...request, originalSyssn: "" })).rejects.toThrow(/originalSyssn/);
    await expect(sendRefund(config, { ...request, refundOutTradeNo: " " })).rejects.toThrow(/refundOutTradeNo/);
    await expect(sendRefund(config, { ...request, refundOutTradeNo: "R1,R2" })).rejects.toThrow(/comma/);
    expect(fake.requests).toHaveLength(0);
  });
});

describe("sendRefund: reading the answer (§5, §8)", () => {
  it("0000 succeeded, with the refund's own syssn", async () => {
    fake.reply({
      json: {
        orig_syssn: request.originalSyssn,
        syssn: "20260301000300020081079999",
        respcd: "0000",
        resperr: "success",
        respmsg: "",
        out_trade_no: request.refundOutTradeNo,
        txamt: "300",
      },
    });
    expect(await sendRefund(config, request)).toEqual<RefundAttempt>({
      outcome: succeeded,
      respcd: "0000",
      message: "success",
      syssn: "20260301000300020081079999",
      unknownReason: null,
    });
  });

  it.each(Object.entries(REFUND_CODES))("an answer with %s", async (code, expected) => {
    fake.reply({ json: { respcd: code, resperr: `text (${code})` } });
    const attempt = await sendRefund(config, request);
    expect(attempt).toMatchObject({ outcome: expected, respcd: code, message: `text (${code})`, unknownReason: null });
  });

  it("keeps QFPay's text, which alone tells 1265's blackout from an expired window (§13.5)", async () => {
    fake.reply({ json: { respcd: "1265", resperr: "Refund not allowed between 23:30 and 00:30(1265)", respmsg: "x" } });
    expect((await sendRefund(config, request)).message).toBe("Refund not allowed between 23:30 and 00:30(1265)");
  });

  it("an unknown or missing code is pending and says so", async () => {
    fake.reply({ json: { respcd: "9999", respmsg: "new" } }, { json: { resperr: "?" } });
    expect(await sendRefund(config, request)).toMatchObject({
      outcome: pending,
      respcd: "9999",
      message: "new",
      unknownReason: "unrecognised_respcd",
    });
    expect(await sendRefund(config, request)).toMatchObject({
      outcome: pending,
      respcd: null,
      unknownReason: "unrecognised_respcd",
    });
  });

  it("no readable answer is pending with the transport's reason, free of the key", async () => {
    fake.reply({ hang: true });
    const attempt = await sendRefund({ ...config, timeoutMs: 150 }, request);
    expect(attempt).toMatchObject({ outcome: pending, respcd: null, syssn: null, message: null });
    expect(attempt.unknownReason).toMatch(/^timeout: no answer within 150 ms \(POST \/trade\/v1\/refund\)/);
    expect(JSON.stringify(attempt)).not.toContain(CLIENT_KEY);
    expect(fake.requests).toHaveLength(1);
  });
});

// docs/qfpay.md §8 states the refund decisions in words: the document and the code must agree.
describe("docs/qfpay.md §8 cross-check", () => {
  const rows = documentedCodes();

  it("the refund table decides every code of the §8.1 table", () => {
    const current = rows.filter((row) => row.section === "8.1").map((row) => row.code);
    expect(current.length).toBeGreaterThan(40);
    for (const code of current) expect(Object.keys(REFUND_RESPCD_TABLE)).toContain(code);
  });

  it("§8.1 and §8.2 together list every code the refund table decides", () => {
    expect(Object.keys(REFUND_RESPCD_TABLE).sort()).toEqual(
      rows
        .map((row) => row.code)
        .filter((code) => isKnownRefundRespcd(code))
        .sort(),
    );
  });

  it.each(rows.map((row) => [row.code, row.refund] as const))(
    "%s: the refund column is what the code decides (%s)",
    (code, cell) => {
      expect(cell, code).toBe(describeRefund(code));
    },
  );
});

/** The "ScanTill: refund" cell the document must show for a code, written from the code's table. */
function describeRefund(code: string): string {
  if (!isKnownRefundRespcd(code)) return "— (not listed: pending, §8.3)";
  const outcome = classifyRefundRespcd(code);
  return outcome.status === "failed" ? `failed (${outcome.reason})` : outcome.status;
}
