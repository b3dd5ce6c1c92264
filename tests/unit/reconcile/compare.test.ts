/**
 * The day's comparison with QFPay, pure: every kind of difference, the midnight edge, refunds,
 * settling needs_attention payments, matched totals; and the business-day rules (dates, schedule).
 */
import { describe, expect, it } from "vitest";
import { toEnquiryRow, type EnquiryRow } from "@/lib/qfpay/enquiry";
import {
  compareDay,
  qfpayStatusOf,
  settlementsToTry,
  type CompareInput,
  type LedgerPayment,
  type LedgerRefund,
} from "@/lib/reconcile/compare";
import { addDays, dateProblem, dueAutoDate, yesterday } from "@/lib/reconcile/dates";
import { describeReport } from "@/lib/reconcile/plain-text";

const TZ = "Asia/Hong_Kong";
const DATE = "2025-03-10";
let seq = 0;

/** A QFPay enquiry row as QFPay sends it, read by the real parser. */
function qfRow(fields: Record<string, string | null>): EnquiryRow {
  seq += 1;
  const row = toEnquiryRow({
    syssn: `2025031000${String(seq).padStart(16, "0")}`,
    out_trade_no: `X${seq}`,
    txamt: "1000",
    txcurrcd: "HKD",
    pay_type: "800208",
    order_type: "payment",
    respcd: "0000",
    cancel: "0",
    origssn: null,
    txdtm: `${DATE} 12:00:00`,
    sysdtm: `${DATE} 12:00:01`,
    paydtm: `${DATE} 12:00:02`,
    chnlsn: "4200000000000000000000000000",
    ...fields,
  });
  if (!row) throw new Error("bad row");
  return row;
}

function payment(outTradeNo: string, fields: Partial<LedgerPayment> = {}): LedgerPayment {
  return {
    outTradeNo,
    status: "paid",
    amount: 1000,
    currency: "HKD",
    wallet: "wechat",
    syssn: null,
    sentAt: "2025-03-10T04:00:00.000Z",
    createdAt: "2025-03-10T04:00:00.000Z",
    inFlight: false,
    ...fields,
  };
}

function refund(outTradeNo: string, paymentOutTradeNo: string, fields: Partial<LedgerRefund> = {}): LedgerRefund {
  return {
    outTradeNo,
    paymentOutTradeNo,
    status: "succeeded",
    amount: 400,
    currency: "HKD",
    syssn: null,
    sentAt: "2025-03-10T05:00:00.000Z",
    createdAt: "2025-03-10T05:00:00.000Z",
    inFlight: false,
    ...fields,
  };
}

function input(parts: Partial<CompareInput>): CompareInput {
  return {
    date: DATE,
    timeZone: TZ,
    trigger: "manual",
    ranAt: "2025-03-11T01:00:00.000Z",
    currency: "HKD",
    dayRows: [],
    lookedUp: new Map(),
    payments: [],
    refunds: [],
    ...parts,
  };
}

describe("reconciliation: matching", () => {
  it("counts the payments both agree on, by the wallet QFPay resolved (else the ledger's guess)", () => {
    const rows = [
      qfRow({ out_trade_no: "A", txamt: "1000", pay_type: "800208" }),
      qfRow({ out_trade_no: "B", txamt: "2550", pay_type: "800108" }),
      qfRow({ out_trade_no: "C", txamt: "700", pay_type: "800008" }),
      qfRow({ out_trade_no: "D", txamt: "300", respcd: "1205" }),
    ];
    const report = compareDay(
      input({
        dayRows: rows,
        payments: [
          payment("A"),
          payment("B", { amount: 2550, wallet: "unknown" }),
          payment("C", { amount: 700, wallet: "unionpay" }),
          payment("D", { status: "failed", amount: 300 }),
        ],
      }),
    );
    expect(report.clean).toBe(true);
    expect(report.differences).toEqual([]);
    expect(report.matched).toEqual({
      count: 3,
      amount: 4250,
      currency: "HKD",
      byWallet: {
        wechat: { count: 1, amount: 1000 },
        alipay: { count: 1, amount: 2550 },
        unionpay: { count: 1, amount: 700 },
      },
      refunds: { count: 0, amount: 0 },
      notCharged: 1,
    });
    expect(report.counts).toEqual({ qfpay: 4, ledger: 4 });
    expect(describeReport(report)).toMatch(/clean, no differences/);
  });

  it("a failed or cancelled payment QFPay has no row for is no difference (absence is no charge)", () => {
    const report = compareDay(
      input({ payments: [payment("F", { status: "failed" }), payment("G", { status: "cancelled" })] }),
    );
    expect(report.clean).toBe(true);
    expect(report.matched.notCharged).toBe(2);
  });

  it("a cancelled payment QFPay shows reversed (0000 + cancel 1) or closed (1142 + cancel 2) agrees", () => {
    const rows = [
      qfRow({ out_trade_no: "R1", cancel: "1" }),
      qfRow({ out_trade_no: "R2", respcd: "1142", cancel: "2" }),
    ];
    expect(rows.map(qfpayStatusOf)).toEqual(["reversed", "cancelled"]);
    const report = compareDay(
      input({
        dayRows: rows,
        payments: [payment("R1", { status: "cancelled" }), payment("R2", { status: "cancelled" })],
      }),
    );
    expect(report.differences).toEqual([]);
    expect(report.matched.notCharged).toBe(2);
  });
});

describe("reconciliation: every kind of difference", () => {
  it("missing_in_ledger: a charge QFPay has under a number ScanTill never saw", () => {
    const stranger = qfRow({ out_trade_no: "NOBODY", txamt: "8800" });
    const report = compareDay(input({ dayRows: [stranger] }));
    expect(report.clean).toBe(false);
    expect(report.differences).toEqual([
      {
        kind: "missing_in_ledger",
        record: "payment",
        outTradeNo: "NOBODY",
        paymentOutTradeNo: null,
        syssn: stranger.syssn,
        ledger: null,
        qfpay: {
          status: "paid",
          respcd: "0000",
          cancel: "0",
          amount: 8800,
          currency: "HKD",
          time: "2025-03-10T04:00:01.000Z",
          payType: "800208",
        },
        flagged: false,
      },
    ]);
  });

  it("missing_at_qfpay: paid in the ledger, and QFPay lacks it even when asked for it by id", () => {
    const report = compareDay(input({ payments: [payment("LOST")], lookedUp: new Map([["LOST", []]]) }));
    expect(report.differences).toMatchObject([
      {
        kind: "missing_at_qfpay",
        outTradeNo: "LOST",
        paymentOutTradeNo: "LOST",
        ledger: { status: "paid", amount: 1000 },
        qfpay: null,
      },
    ]);
    expect(report.matched.count).toBe(0);
  });

  it("status_differs: paid in the ledger, failed at QFPay", () => {
    const report = compareDay(
      input({ dayRows: [qfRow({ out_trade_no: "P", respcd: "1205" })], payments: [payment("P")] }),
    );
    expect(report.differences).toMatchObject([
      {
        kind: "status_differs",
        outTradeNo: "P",
        ledger: { status: "paid" },
        qfpay: { status: "failed", respcd: "1205" },
        flagged: false,
      },
    ]);
  });

  it("status_differs: failed in the ledger, charged at QFPay; settled to the manager's list it is flagged", () => {
    const rows = [qfRow({ out_trade_no: "CAF", txamt: "1000" })];
    const base = input({ dayRows: rows, payments: [payment("CAF", { status: "failed" })] });
    expect(settlementsToTry(base)).toMatchObject([{ outTradeNo: "CAF", before: "failed", match: { kind: "row" } }]);
    const flagged = compareDay({ ...base, settled: new Map([["CAF", { from: "failed", to: "needs_attention" }]]) });
    expect(flagged.differences).toMatchObject([
      {
        kind: "status_differs",
        outTradeNo: "CAF",
        ledger: { status: "failed" },
        qfpay: { status: "paid" },
        flagged: true,
      },
    ]);
    expect(flagged.settled).toEqual([
      { outTradeNo: "CAF", from: "failed", to: "needs_attention", amount: 1000, currency: "HKD" },
    ]);
    // If it could not be written, it is still a difference, not flagged.
    expect(compareDay(base).differences).toMatchObject([{ kind: "status_differs", flagged: false }]);
  });

  it("amount_differs: the same out_trade_no for another amount or currency is never counted as paid", () => {
    const rows = [qfRow({ out_trade_no: "AMT", txamt: "1100" }), qfRow({ out_trade_no: "CUR", txcurrcd: "CNY" })];
    const report = compareDay(input({ dayRows: rows, payments: [payment("AMT"), payment("CUR")] }));
    expect(
      report.differences.map((d) => [d.kind, d.outTradeNo, d.ledger?.amount, d.qfpay?.amount, d.qfpay?.currency]),
    ).toEqual([
      ["amount_differs", "AMT", 1000, 1100, "HKD"],
      ["amount_differs", "CUR", 1000, 1000, "CNY"],
    ]);
    expect(report.matched.count).toBe(0);
  });

  it("a second charged row under one of our numbers is money we cannot account for; a companion row is not", () => {
    const ours = qfRow({ out_trade_no: "DUP", syssn: "20250310000000000000000001" });
    const second = qfRow({ out_trade_no: "DUP", syssn: "20250310000000000000000002" });
    const companion = qfRow({
      out_trade_no: "DUP",
      syssn: "20250310000000000000000003",
      origssn: "20250310000000000000000001",
    });
    const report = compareDay(
      input({ dayRows: [ours, second, companion], payments: [payment("DUP", { syssn: ours.syssn })] }),
    );
    expect(report.matched.count).toBe(1);
    expect(report.differences).toMatchObject([
      { kind: "missing_in_ledger", outTradeNo: "DUP", paymentOutTradeNo: "DUP", syssn: second.syssn },
    ]);
  });
});

describe("reconciliation: the midnight edge", () => {
  it("a payment sent at 23:59:58 whose sysdtm is 00:00:01 next day is found by id, not reported missing", () => {
    const nextDayRow = qfRow({ out_trade_no: "EDGE", sysdtm: "2025-03-11 00:00:01" });
    const report = compareDay(
      input({
        payments: [payment("EDGE", { sentAt: "2025-03-10T15:59:58.000Z" })],
        lookedUp: new Map([["EDGE", [nextDayRow]]]),
      }),
    );
    expect(report.differences).toEqual([]);
    expect(report.matched.count).toBe(1);
  });

  it("a row of the day for a payment sent the evening before is matched with it, not missing_in_ledger", () => {
    const row = qfRow({ out_trade_no: "EVE", sysdtm: `${DATE} 00:00:01` });
    // The caller looked the id up in the whole ledger and passes the earlier day's payment too.
    const report = compareDay(
      input({ dayRows: [row], payments: [payment("EVE", { sentAt: "2025-03-09T15:59:59.000Z" })] }),
    );
    expect(report.differences).toEqual([]);
    expect(report.matched.count).toBe(1);
  });
});

describe("reconciliation: refunds", () => {
  it("a partly refunded payment agrees with 0000 + cancel 5 and its refund row; the refund is matched", () => {
    const pay = qfRow({ out_trade_no: "PR", txamt: "1000", cancel: "5" });
    const ref = qfRow({ out_trade_no: "PR-R1", order_type: "refund", txamt: "400", origssn: pay.syssn });
    const report = compareDay(
      input({
        dayRows: [pay, ref],
        payments: [payment("PR", { status: "partially_refunded", syssn: pay.syssn })],
        refunds: [refund("PR-R1", "PR")],
      }),
    );
    expect(report.differences).toEqual([]);
    expect(report.matched).toMatchObject({ count: 1, amount: 1000, refunds: { count: 1, amount: 400 } });
  });

  it("refunded in full in the ledger, only partly at QFPay: status differs", () => {
    const pay = qfRow({ out_trade_no: "FR", cancel: "5" });
    const report = compareDay(input({ dayRows: [pay], payments: [payment("FR", { status: "refunded" })] }));
    expect(report.differences).toMatchObject([
      {
        kind: "status_differs",
        outTradeNo: "FR",
        ledger: { status: "refunded" },
        qfpay: { status: "partially_refunded" },
      },
    ]);
  });

  it("a refund QFPay does not know is missing_at_qfpay; one QFPay made that we do not know is missing_in_ledger, linked to its payment", () => {
    const pay = qfRow({ out_trade_no: "RP", cancel: "5" });
    const unknownRefund = qfRow({
      out_trade_no: "PORTAL-REFUND",
      order_type: "refund",
      txamt: "100",
      origssn: pay.syssn,
    });
    const report = compareDay(
      input({
        dayRows: [pay, unknownRefund],
        payments: [payment("RP", { status: "partially_refunded", syssn: pay.syssn })],
        refunds: [refund("RP-R1", "RP", { amount: 300 })],
        lookedUp: new Map([["RP-R1", []]]),
      }),
    );
    expect(report.differences.map((d) => [d.kind, d.record, d.outTradeNo, d.paymentOutTradeNo])).toEqual([
      ["missing_at_qfpay", "refund", "RP-R1", "RP"],
      ["missing_in_ledger", "refund", "PORTAL-REFUND", "RP"],
    ]);
  });

  it("a refund the ledger holds as failed but QFPay made is a status difference", () => {
    const ref = qfRow({ out_trade_no: "RF", order_type: "refund", txamt: "400", origssn: "1" });
    const report = compareDay(input({ dayRows: [ref], refunds: [refund("RF", "PAY", { status: "failed" })] }));
    expect(report.differences).toMatchObject([
      { kind: "status_differs", record: "refund", ledger: { status: "failed" }, qfpay: { status: "succeeded" } },
    ]);
  });
});

describe("reconciliation: open payments", () => {
  it("a needs_attention payment QFPay shows paid is settled, reported under settled and matched", () => {
    const base = input({
      dayRows: [qfRow({ out_trade_no: "NA" })],
      payments: [payment("NA", { status: "needs_attention" })],
    });
    expect(settlementsToTry(base).map((p) => p.outTradeNo)).toEqual(["NA"]);
    const report = compareDay({ ...base, settled: new Map([["NA", { from: "needs_attention", to: "paid" }]]) });
    expect(report.clean).toBe(true);
    expect(report.settled).toEqual([
      { outTradeNo: "NA", from: "needs_attention", to: "paid", amount: 1000, currency: "HKD" },
    ]);
    expect(report.matched.count).toBe(1);
  });

  it("one that could not be settled while QFPay shows it charged is a difference; one QFPay has not decided is open", () => {
    const rows = [qfRow({ out_trade_no: "NA1" }), qfRow({ out_trade_no: "NA2", respcd: "1143" })];
    const report = compareDay(
      input({
        dayRows: rows,
        payments: [
          payment("NA1", { status: "needs_attention" }),
          payment("NA2", { status: "needs_attention" }),
          payment("NA3", { status: "needs_attention" }),
        ],
        lookedUp: new Map([["NA3", []]]),
      }),
    );
    expect(report.differences).toMatchObject([
      { kind: "status_differs", outTradeNo: "NA1", ledger: { status: "needs_attention" }, qfpay: { status: "paid" } },
    ]);
    expect(report.open.map((o) => [o.outTradeNo, o.qfpayStatus])).toEqual([
      ["NA2", "pending"],
      ["NA3", null],
    ]);
  });

  it("a pending payment the resolver is working is left to it: not settled, not a difference", () => {
    const base = input({
      dayRows: [qfRow({ out_trade_no: "BUSY" })],
      payments: [payment("BUSY", { status: "pending", inFlight: true })],
    });
    expect(settlementsToTry(base)).toEqual([]);
    const report = compareDay(base);
    expect(report.differences).toEqual([]);
    expect(report.open).toMatchObject([{ outTradeNo: "BUSY", status: "pending", qfpayStatus: "paid" }]);
  });
});

describe("reconciliation: business days", () => {
  const at = (iso: string) => new Date(iso);

  it("checks the date: format, real day, not in the future (merchant time)", () => {
    const now = at("2025-03-10T17:00:00.000Z"); // 01:00 on the 11th in Hong Kong
    expect(dateProblem("2025-03-11", now, TZ)).toBeNull();
    expect(dateProblem("2025-03-12", now, TZ)).toMatch(/not happened yet/);
    expect(dateProblem("2025-02-30", now, TZ)).toMatch(/not a date/);
    expect(dateProblem("2025-3-1", now, TZ)).toMatch(/not a date/);
    expect(dateProblem(undefined, now, TZ)).toMatch(/date=YYYY-MM-DD/);
    expect(dateProblem("1999-12-31", now, TZ)).toMatch(/too long ago/);
    expect(yesterday(now, TZ)).toBe("2025-03-10");
    expect(addDays("2024-03-01", -1)).toBe("2024-02-29");
  });

  it("the daily run is due for the day before once the merchant's clock passes RECONCILE_AT", () => {
    expect(dueAutoDate(at("2025-03-10T19:29:00.000Z"), "03:30", TZ)).toBeNull(); // 03:29 HK
    expect(dueAutoDate(at("2025-03-10T19:30:00.000Z"), "03:30", TZ)).toBe("2025-03-10"); // 03:30 HK on the 11th
    expect(dueAutoDate(at("2025-03-11T15:59:00.000Z"), "03:30", TZ)).toBe("2025-03-10"); // 23:59 HK
    expect(dueAutoDate(at("2025-03-11T12:00:00.000Z"), "off", TZ)).toBeNull();
  });
});
