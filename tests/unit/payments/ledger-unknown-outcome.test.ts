/**
 * When QFPay's answer to /trade/v1/payment cannot be read (timeout, reset, HTML error page, not
 * JSON), the payment stays pending, is never resent, and is settled by enquiry
 * (docs/architecture.md §6.2). Runs on SQLite, or PostgreSQL when TEST_DATABASE_URL is set.
 */
import { randomInt } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeQfpay, type FakeQfpay, type FakeReply } from "../../support/fake-qfpay-server";
import { setUpLedger, type LedgerHarness } from "../../support/ledger-harness";
import { cashier } from "../../support/test-staff";

let fake: FakeQfpay;
let harness: LedgerHarness;
let createPayment: typeof import("@/lib/payments/create-payment").createPayment;
let getPayment: typeof import("@/lib/payments/get-payment").getPayment;
let getDb: typeof import("@/lib/db").getDb;
let runResolverOnce: typeof import("@/lib/payments/resolver").runResolverOnce;

beforeAll(async () => {
  fake = await startFakeQfpay();
  harness = await setUpLedger({ gatewayUrl: fake.url });
  ({ createPayment } = await import("@/lib/payments/create-payment"));
  ({ getPayment } = await import("@/lib/payments/get-payment"));
  ({ getDb } = await import("@/lib/db"));
  ({ runResolverOnce } = await import("@/lib/payments/resolver"));
});
afterAll(async () => {
  await harness?.close();
  await fake?.close();
});

const enquiryAnswer = (outTradeNo: string, respcd: string, cancel = "0"): FakeReply => ({
  json: {
    respcd: "0000",
    resperr: "",
    respmsg: "",
    page: 1,
    page_size: 100,
    data: [
      {
        out_trade_no: outTradeNo,
        syssn: "20261126000300020081074842",
        respcd,
        cancel,
        order_type: "payment",
        txamt: "880",
        errmsg: "",
      },
    ],
  },
});

describe(`an unreadable payment answer on ${process.env.TEST_DATABASE_URL ? "postgres" : "sqlite"}`, () => {
  it.each<[string, FakeReply]>([
    ["a timeout", { hang: true }],
    ["a connection reset", { destroy: true }],
    ["an HTML 500 page", { text: "<html><body>Bad Gateway</body></html>", status: 502, contentType: "text/html" }],
    ["a 200 that is not JSON", { text: "OK", status: 200, contentType: "text/plain" }],
    ["a 429", { json: { respcd: "", resperr: "rate limited" }, status: 429 }],
    ["an unknown respcd", { json: { respcd: "9999", resperr: "mystery(9999)" } }],
  ])("keeps the payment pending after %s, then settles it by enquiry without resending", async (_name, reply) => {
    const outTradeNo = `UNK${Date.now()}${randomInt(1e6)}`;
    fake.reply(reply);
    const { payment } = await createPayment(
      { outTradeNo, amount: 880, authCode: `13${randomInt(1e9)}${randomInt(1e9)}`.padEnd(18, "7").slice(0, 18) },
      cashier,
    );
    expect(payment.status).toBe("pending");
    expect(payment.failureKind).toBeNull();

    fake.reply(enquiryAnswer(outTradeNo, "0000"));
    await runResolverOnce();
    const settled = await getPayment(outTradeNo);
    expect(settled).toMatchObject({ status: "paid", respcd: "0000", syssn: "20261126000300020081074842" });

    const sent = fake.requests.filter(
      (r) => r.path.startsWith("/trade/v1/payment") && r.params.out_trade_no === outTradeNo,
    );
    expect(sent).toHaveLength(1);
    const db = await getDb();
    const notes = await db.selectFrom("payment_events").select("note").where("out_trade_no", "=", outTradeNo).execute();
    expect(notes.some((n) => /outcome unknown|still processing/.test(n.note ?? ""))).toBe(true);
  });

  it("treats a reversed payment (0000 with cancel 1) as cancelled, not paid", async () => {
    const outTradeNo = `UNK${Date.now()}${randomInt(1e6)}`;
    fake.reply({ destroy: true });
    await createPayment(
      { outTradeNo, amount: 880, authCode: `15${randomInt(1e9)}${randomInt(1e9)}`.padEnd(18, "3").slice(0, 18) },
      cashier,
    );
    fake.reply(enquiryAnswer(outTradeNo, "0000", "1"));
    await runResolverOnce();
    expect((await getPayment(outTradeNo)).status).toBe("cancelled");
  });

  it("keeps asking while QFPay has no record of the payment", async () => {
    const outTradeNo = `UNK${Date.now()}${randomInt(1e6)}`;
    fake.reply({ destroy: true });
    await createPayment(
      { outTradeNo, amount: 880, authCode: `14${randomInt(1e9)}${randomInt(1e9)}`.padEnd(18, "1").slice(0, 18) },
      cashier,
    );
    fake.reply({ json: { respcd: "0000", page: 1, page_size: 100, data: [] } });
    await runResolverOnce();
    expect((await getPayment(outTradeNo)).status).toBe("pending");
    // The next enquiry is not due yet (PENDING_QUERY_INTERVAL_MS): another pass asks nobody.
    const before = fake.requests.length;
    await runResolverOnce();
    expect((await getPayment(outTradeNo)).status).toBe("pending");
    expect(fake.requests.length).toBe(before);
  });
});
