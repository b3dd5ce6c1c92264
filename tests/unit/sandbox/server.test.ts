/**
 * The QFPay sandbox over real HTTP. Requests are signed by a helper written here from docs/qfpay.md §2
 * (and proven against its vectors first), not by the sandbox's own signer.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_APP_CODE, DEMO_CLIENT_KEY, startSandbox, type RunningSandbox } from "../../../sandbox/server";
import {
  getJson,
  hkTime,
  paymentCode,
  paymentFields,
  signedCall,
  signFields,
  sleep,
  type Answer,
  type Fields,
  type SignedCallOptions,
} from "../../support/sandbox-client";

const PENDING_MS = 700;
const SLOW_MS = 600;
const CODE_LIFETIME_MS = 45_000;

/** A signed call whose answer is read as JSON whatever its status (the spec checks the status itself). */
async function call(base: string, path: string, fields: Fields, options: SignedCallOptions = {}) {
  const raw = await signedCall(base, path, fields, options);
  return { status: raw.status, contentType: raw.contentType, body: JSON.parse(raw.text) as Answer };
}

type SandboxTx = {
  out_trade_no: string;
  auth_code: string;
  respcd: string;
  status: string;
  charged: boolean;
  syssn: string;
  txamt: string;
  pay_type: string;
};

describe("docs/qfpay.md §2 vectors prove the test's signer", () => {
  it("reproduces the documented example and the CPM vector", () => {
    expect(signFields({ mchid: "ZaMVg12345", txamt: "100", txcurrcd: "HKD" }, "abcd1234")).toBe(
      "3CB3AA9C21D818AB4CAFAA8FA3FEACF4",
    );
    const cpm: Fields = {
      auth_code: "134857901234588557",
      goods_name: "qfpay",
      mchid: "R1zQrTdJnn",
      out_trade_no: "Native201907221520536a25477909",
      pay_type: "800208",
      txamt: "10",
      txcurrcd: "HKD",
      txdtm: "2019-07-22 15:20:54",
      udid: "AA",
    };
    expect(signFields(cpm, "TESTKEY")).toBe("FA78A723D5EBC4123E6C77714DC1A76F");
    expect(signFields(cpm, "TESTKEY", "SHA256")).toBe(
      "4159B5DF379317D80B722B2366C84BDDD8FDAE966CFBFE33F323227966015C45",
    );
  });
});

describe("sandbox gateway (no mchid issued)", () => {
  let sandbox: RunningSandbox;
  let base: string;
  const pay = (fields: Fields, options?: SignedCallOptions) => call(base, "/trade/v1/payment", fields, options);
  const query = (fields: Fields, options?: SignedCallOptions) => call(base, "/trade/v1/query", fields, options);
  const transactions = async () => (await getJson<SandboxTx[]>(`${base}/_sandbox/transactions`)).body;
  const queryRow = async (outTradeNo: string) => {
    const { body } = await query({ out_trade_no: outTradeNo });
    const data = body.data as Answer[];
    expect(data).toHaveLength(1);
    return data[0]!;
  };

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, pendingMs: PENDING_MS, slowMs: SLOW_MS, codeLifetimeMs: CODE_LIFETIME_MS });
    base = sandbox.url;
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  describe("payment", () => {
    it("answers 0000 with QFPay's flat shape and string fields", async () => {
      const fields = paymentFields({ pay_type: "800208", goods_name: "coffee" });
      const { status, contentType, body } = await pay(fields);
      expect(status).toBe(200);
      expect(contentType).toMatch(/^application\/json/);
      expect(body.respcd).toBe("0000");
      for (const [name, value] of Object.entries(body)) expect(typeof value, name).toBe("string");
      expect(body.resperr).toMatch(/\(0000\)$/);
      const hkToday = hkTime().slice(0, 10).replaceAll("-", "");
      expect(body.syssn).toMatch(/^\d{26}$/);
      expect((body.syssn as string).slice(0, 8)).toBe(hkToday);
      expect(body).toMatchObject({
        out_trade_no: fields.out_trade_no,
        pay_type: "800208",
        txamt: "1250",
        txcurrcd: "HKD",
        txdtm: fields.txdtm,
        udid: "qiantai2",
      });
      expect(body.chnlsn).toMatch(/^\d{28}$/);
      expect(body.sysdtm).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
      expect(body.paydtm).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
      expect(Math.abs(Date.parse(`${body.sysdtm as string}+08:00`) - Date.now())).toBeLessThan(5000);
      expect(typeof body.cardcd).toBe("string");
      const tx = (await transactions()).find((t) => t.out_trade_no === fields.out_trade_no);
      expect(tx).toMatchObject({ respcd: "0000", status: "paid", charged: true, syssn: body.syssn });
    });

    it("echoes the udid sent, and accepts a GET query string", async () => {
      const { body } = await pay(paymentFields({ udid: "till-7" }), { method: "GET" });
      expect(body).toMatchObject({ respcd: "0000", udid: "till-7" });
    });

    it("echoes the wallet guessed from the code for pay_type 800008", async () => {
      const cases: Array<[string, string]> = [
        ["150000000000000123", "800208"], // WeChat HK
        ["280000000000000123", "800108"], // Alipay
        ["6200000000000000123", "800708"], // UnionPay
      ];
      for (const [authCode, expected] of cases) {
        const { body } = await pay(paymentFields({ auth_code: authCode, pay_type: "800008" }));
        expect(body.pay_type, authCode).toBe(expected);
      }
    });

    it("refuses a wrong signature with 1108 and records nothing", async () => {
      const before = (await transactions()).length;
      const fields = paymentFields();
      const { status, body } = await pay(fields, { sign: signFields({ ...fields, txamt: "1" }, DEMO_CLIENT_KEY) });
      expect(status).toBe(200);
      expect(body.respcd).toBe("1108");
      expect(body.resperr).toMatch(/\(1108\)$/);
      const wrongKey = await pay(paymentFields(), { key: "NOT-THE-KEY" });
      expect(wrongKey.body.respcd).toBe("1108");
      expect((await transactions()).length).toBe(before);
    });

    it("refuses a signature over URL-encoded values (§2: sign raw values)", async () => {
      const fields = paymentFields();
      const encoded = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, encodeURIComponent(v)]));
      const { body } = await pay(fields, { sign: signFields(encoded, DEMO_CLIENT_KEY) });
      expect(body.respcd).toBe("1108");
    });

    it("accepts SHA256 with X-QF-SIGNTYPE, and refuses a SHA256 digest sent as MD5", async () => {
      const ok = await pay(paymentFields(), { signType: "SHA256" });
      expect(ok.body.respcd).toBe("0000");
      const fields = paymentFields();
      const mismatch = await pay(fields, { sign: signFields(fields, DEMO_CLIENT_KEY, "SHA256"), signTypeHeader: null });
      expect(mismatch.body.respcd).toBe("1108");
      const explicitMd5 = await pay(paymentFields(), { signTypeHeader: "MD5" });
      expect(explicitMd5.body.respcd).toBe("0000");
    });

    it("accepts lower-case hex signatures", async () => {
      expect((await pay(paymentFields(), { lowercase: true })).body.respcd).toBe("0000");
      expect((await pay(paymentFields(), { lowercase: true, signType: "SHA256" })).body.respcd).toBe("0000");
    });

    it("refuses a missing or foreign X-QF-APPCODE with 1108", async () => {
      expect((await pay(paymentFields(), { appCode: null })).body.respcd).toBe("1108");
      expect((await pay(paymentFields(), { appCode: "A6A49A66B4C0000000000094EA950320" })).body.respcd).toBe("1108");
    });

    it("refuses an mchid when none was issued (1108 MCHCODE)", async () => {
      const { body } = await pay(paymentFields({ mchid: "R1zQrTdJnn" }));
      expect(body.respcd).toBe("1108");
      expect(body.resperr).toBe("MCHCODE非法(1108)");
    });

    it("answers 1104 for each missing required field", async () => {
      for (const field of ["txamt", "txcurrcd", "pay_type", "out_trade_no", "txdtm", "auth_code"]) {
        const fields = paymentFields();
        delete fields[field];
        const { body } = await pay(fields);
        expect(body.respcd, field).toBe("1104");
        expect(body.resperr, field).toContain(field);
      }
    });

    it("answers 1104 for malformed fields", async () => {
      const bad: Fields[] = [
        { txamt: "0" },
        { txamt: "12.50" },
        { txamt: "-100" },
        { txamt: "123456789012" },
        { txcurrcd: "hkd" },
        { txcurrcd: "HKDX" },
        { pay_type: "800101" }, // MPM, not CPM
        { txdtm: "2025-02-30 10:00:00" },
        { txdtm: "2025-01-01T10:00:00" },
        { auth_code: "1348 5790" },
        { auth_code: "x".repeat(129) },
        { out_trade_no: "o".repeat(129) },
      ];
      for (const override of bad) {
        const { body } = await pay(paymentFields(override));
        expect(body.respcd, JSON.stringify(override)).toBe("1104");
      }
    });

    it("rejects a reused out_trade_no with 1251 and never charges twice", async () => {
      const fields = paymentFields();
      expect((await pay(fields)).body.respcd).toBe("0000");
      const replay = await pay(fields);
      expect(replay.body.respcd).toBe("1251");
      expect(replay.body.resperr).toBe("Do not use duplicate out_trade_no for request(1251)");
      const freshCode = paymentCode();
      const sameNoNewCode = await pay({ ...fields, auth_code: freshCode });
      expect(sameNoNewCode.body.respcd).toBe("1251");
      const rows = (await transactions()).filter((t) => t.out_trade_no === fields.out_trade_no);
      expect(rows).toHaveLength(1);
      expect(rows.filter((t) => t.charged)).toHaveLength(1);
      // The refused request never reached the wallet, so its code is still good.
      expect((await pay(paymentFields({ auth_code: freshCode }))).body.respcd).toBe("0000");
    });

    it("answers 1202 for an auth_code presented before, even when its first use failed", async () => {
      const used = paymentCode();
      expect((await pay(paymentFields({ auth_code: used }))).body.respcd).toBe("0000");
      const again = await pay(paymentFields({ auth_code: used }));
      expect(again.body.respcd).toBe("1202");
      expect(again.body.syssn).toMatch(/^\d{26}$/); // failed attempts get a syssn too

      const declined = paymentCode("1201");
      expect((await pay(paymentFields({ auth_code: declined }))).body.respcd).toBe("1201");
      const retry = paymentFields({ auth_code: declined });
      expect((await pay(retry)).body.respcd).toBe("1202");
      const tx = (await transactions()).find((t) => t.out_trade_no === retry.out_trade_no);
      expect(tx).toMatchObject({ respcd: "1202", status: "failed", charged: false });
    });
  });

  describe("magic outcomes", () => {
    it.each([
      ["1202", "1202"],
      ["1201", "1201"],
      ["1294", "1294"],
    ])("tail %s is a final failure %s", async (tail, respcd) => {
      const fields = paymentFields({ auth_code: paymentCode(tail) });
      const { body } = await pay(fields);
      expect(body.respcd).toBe(respcd);
      expect(body.resperr).toMatch(new RegExp(`\\(${respcd}\\)$`));
      expect(body.chnlsn).toBe("");
      await sleep(PENDING_MS + 100);
      expect((await queryRow(fields.out_trade_no!)).respcd).toBe(respcd);
      const tx = (await transactions()).find((t) => t.out_trade_no === fields.out_trade_no);
      expect(tx).toMatchObject({ status: "failed", charged: false });
    });

    it.each([
      ["1143", "1143", "1143", "0000", "paid"],
      ["1145", "1145", "1145", "1205", "failed"],
      ["1298", "1298", "1145", "0000", "paid"],
    ])(
      "tail %s answers %s, stays %s for pendingMs, then %s",
      async (tail, answer, whilePending, final, finalStatus) => {
        const fields = paymentFields({ auth_code: paymentCode(tail) });
        const started = Date.now();
        const { body } = await pay(fields);
        expect(body.respcd).toBe(answer);
        const pending = await queryRow(fields.out_trade_no!);
        expect(Date.now() - started).toBeLessThan(PENDING_MS); // still inside the window
        expect(pending).toMatchObject({ respcd: whilePending, syssn: body.syssn });
        let tx = (await transactions()).find((t) => t.out_trade_no === fields.out_trade_no);
        expect(tx).toMatchObject({ status: "pending", charged: false });

        await sleep(PENDING_MS + 150 - (Date.now() - started));
        const settled = await queryRow(fields.out_trade_no!);
        expect(settled.respcd).toBe(final);
        tx = (await transactions()).find((t) => t.out_trade_no === fields.out_trade_no);
        expect(tx).toMatchObject({ status: finalStatus, charged: finalStatus === "paid", respcd: final });
        if (final === "0000") expect(settled.chnlsn).toMatch(/^\d{28}$/);
      },
    );

    it("tail 5555 answers 0000 only after slowMs; an enquiry meanwhile sees it processing", async () => {
      const fields = paymentFields({ auth_code: paymentCode("5555") });
      const started = Date.now();
      const answer = pay(fields);
      await sleep(SLOW_MS / 3);
      const during = await queryRow(fields.out_trade_no!);
      expect(during.respcd).toBe("1145");
      const { body } = await answer;
      expect(Date.now() - started).toBeGreaterThanOrEqual(SLOW_MS - 20);
      expect(body.respcd).toBe("0000");
      expect((await queryRow(fields.out_trade_no!)).respcd).toBe("0000");
    });

    it("falls back to the amount when the tail is not magic, and the tail wins over the amount", async () => {
      const byAmount = await pay(paymentFields({ txamt: "1201" }));
      expect(byAmount.body.respcd).toBe("1201");
      const pendingByAmount = await pay(paymentFields({ txamt: "1143" }));
      expect(pendingByAmount.body.respcd).toBe("1143");
      const tailWins = await pay(paymentFields({ auth_code: paymentCode("1294"), txamt: "1201" }));
      expect(tailWins.body.respcd).toBe("1294");
      const nearMiss = await pay(paymentFields({ txamt: "11430" }));
      expect(nearMiss.body.respcd).toBe("0000");
    });
  });

  describe("query", () => {
    it("finds several transactions by comma lists and filters by respcd and pay_type", async () => {
      const a = paymentFields();
      const b = paymentFields({ auth_code: paymentCode("1201") });
      const c = paymentFields({ pay_type: "800708", auth_code: "6200000000000009999" });
      const answers = [await pay(a), await pay(b), await pay(c)];
      const { status, body } = await query({ out_trade_no: [a, b, c].map((f) => f.out_trade_no).join(",") });
      expect(status).toBe(200);
      expect(body).toMatchObject({ respcd: "0000", respmsg: "", page: 1, page_size: 10 });
      expect(body.resperr).toMatch(/\(0000\)$/);
      const data = body.data as Answer[];
      expect(data.map((r) => r.out_trade_no).sort()).toEqual([a, b, c].map((f) => f.out_trade_no).sort());
      const rowB = data.find((r) => r.out_trade_no === b.out_trade_no)!;
      expect(rowB).toMatchObject({
        respcd: "1201",
        order_type: "payment",
        cancel: "0",
        origssn: null,
        txamt: "1250",
        txcurrcd: "HKD",
        udid: "qiantai2",
        syssn: answers[1]!.body.syssn,
      });
      for (const key of [
        "syssn",
        "out_trade_no",
        "txamt",
        "txcurrcd",
        "pay_type",
        "order_type",
        "txdtm",
        "sysdtm",
        "paydtm",
        "respcd",
        "errmsg",
        "cancel",
        "udid",
        "chnlsn",
        "cardcd",
      ]) {
        expect(typeof rowB[key], key).toBe("string");
      }

      const bySyssn = await query({ syssn: `${answers[0]!.body.syssn as string},${answers[2]!.body.syssn as string}` });
      expect((bySyssn.body.data as Answer[]).map((r) => r.out_trade_no).sort()).toEqual(
        [a.out_trade_no, c.out_trade_no].sort(),
      );

      const onlyFailed = await query({ out_trade_no: [a, b, c].map((f) => f.out_trade_no).join(","), respcd: "1201" });
      expect((onlyFailed.body.data as Answer[]).map((r) => r.out_trade_no)).toEqual([b.out_trade_no]);

      const onlyUnionPay = await query({
        out_trade_no: [a, b, c].map((f) => f.out_trade_no).join(","),
        pay_type: "800708",
      });
      expect((onlyUnionPay.body.data as Answer[]).map((r) => r.out_trade_no)).toEqual([c.out_trade_no]);
    });

    it("pages results newest first", async () => {
      const made: string[] = [];
      for (let i = 0; i < 5; i++) {
        const f = paymentFields();
        await pay(f);
        made.push(f.out_trade_no!);
      }
      const list = made.join(",");
      const pages = [];
      for (const page of ["1", "2", "3"]) {
        const { body } = await query({ out_trade_no: list, page, page_size: "2" });
        expect(body).toMatchObject({ page: Number(page), page_size: 2 });
        pages.push((body.data as Answer[]).map((r) => r.out_trade_no));
      }
      expect(pages).toEqual([[made[4], made[3]], [made[2], made[1]], [made[0]]]);
      const beyond = await query({ out_trade_no: list, page: "4", page_size: "2" });
      expect(beyond.body.data).toEqual([]);
    });

    it("answers 0000 with an empty list when nothing matches", async () => {
      const { body } = await query({ out_trade_no: "never-used-order" });
      expect(body.respcd).toBe("0000");
      expect(body.data).toEqual([]);
      const bySyssn = await query({ syssn: "20200101000000000000000000" });
      expect(bySyssn.body.data).toEqual([]);
    });

    it("refuses bad paging and filters with 1104, and is authenticated like payment", async () => {
      expect((await query({ page_size: "101" })).body.respcd).toBe("1104");
      expect((await query({ page: "0" })).body.respcd).toBe("1104");
      expect((await query({ start_time: "yesterday" })).body.respcd).toBe("1104");
      expect((await query({ out_trade_no: "x" }, { sign: "00" })).body.respcd).toBe("1108");
      expect((await query({ out_trade_no: "x", mchid: "ZaMVg12345" })).body.respcd).toBe("1108");
    });
  });

  describe("/_sandbox endpoints", () => {
    it("reports health", async () => {
      expect(await getJson(`${base}/_sandbox/health`)).toEqual({ status: 200, body: { ok: true } });
    });

    it("issues fresh codes in each wallet's format with the outcome's magic tail", async () => {
      const formats = { wechat: /^1[35]\d{16}$/, alipay: /^28\d{16}$/, unionpay: /^62\d{17}$/ } as const;
      const tails = {
        pending_success: "1143",
        pending_failure: "1145",
        pending_unknown: "1298",
        expired: "1202",
        insufficient: "1201",
        risk: "1294",
        slow: "5555",
      } as const;
      const magic = new Set<string>(Object.values(tails));
      const seen = new Set<string>();
      for (const wallet of Object.keys(formats) as Array<keyof typeof formats>) {
        for (const [outcome, tail] of Object.entries(tails)) {
          const { status, body } = await getJson<{
            code: string;
            wallet: string;
            outcome: string;
            expiresAt: string;
            issuedAt: string;
          }>(`${base}/_sandbox/code?wallet=${wallet}&outcome=${outcome}`);
          expect(status).toBe(200);
          expect(body.code).toMatch(formats[wallet]);
          expect(body.code.slice(-4)).toBe(tail);
          expect(body).toMatchObject({ wallet, outcome });
          expect(Date.parse(body.expiresAt) - Date.parse(body.issuedAt)).toBe(CODE_LIFETIME_MS);
          expect(seen.has(body.code)).toBe(false);
          seen.add(body.code);
        }
        for (let i = 0; i < 40; i++) {
          const { body } = await getJson<{ code: string }>(`${base}/_sandbox/code?wallet=${wallet}&outcome=success`);
          expect(body.code).toMatch(formats[wallet]);
          expect(magic.has(body.code.slice(-4))).toBe(false);
          expect(seen.has(body.code)).toBe(false);
          seen.add(body.code);
        }
      }
      expect((await getJson(`${base}/_sandbox/code?wallet=payme`)).status).toBe(400);
      expect((await getJson(`${base}/_sandbox/code?outcome=maybe`)).status).toBe(400);
    });

    it("an issued code pays as its outcome says and its status shows the transaction", async () => {
      const { body: issued } = await getJson<{ code: string }>(
        `${base}/_sandbox/code?wallet=alipay&outcome=insufficient`,
      );
      const before = await getJson<{ issued: boolean; presented: boolean; transaction: unknown }>(
        `${base}/_sandbox/code-status?code=${issued.code}`,
      );
      expect(before.body).toMatchObject({ issued: true, presented: false, transaction: null });
      const fields = paymentFields({ auth_code: issued.code, txamt: "4200" });
      expect((await pay(fields)).body).toMatchObject({ respcd: "1201", pay_type: "800108" });
      const after = await getJson<{ transaction: Record<string, unknown> }>(
        `${base}/_sandbox/code-status?code=${issued.code}`,
      );
      expect(after.body.transaction).toMatchObject({
        out_trade_no: fields.out_trade_no,
        txamt: "4200",
        status: "failed",
        charged: false,
      });
      expect((await getJson(`${base}/_sandbox/code-status?code=not%20a%20code`)).status).toBe(400);
    });

    it("lists every recorded payment with what was charged", async () => {
      const fields = paymentFields({ txamt: "990" });
      await pay(fields);
      const tx = (await transactions()).find((t) => t.out_trade_no === fields.out_trade_no);
      expect(tx).toMatchObject({
        auth_code: fields.auth_code,
        txamt: "990",
        txcurrcd: "HKD",
        pay_type: "800208",
        respcd: "0000",
        status: "paid",
        charged: true,
      });
      expect(Date.parse((tx as unknown as { createdAt: string }).createdAt)).not.toBeNaN();
    });

    it("draws barcodes as SVG and refuses bad input with 400", async () => {
      for (const type of ["code128", "qrcode"]) {
        const res = await fetch(`${base}/_sandbox/barcode.svg?type=${type}&text=134857901234588557`);
        expect(res.status).toBe(200);
        expect(res.headers.get("content-type")).toMatch(/^image\/svg\+xml/);
        expect(await res.text()).toMatch(/^<svg[^>]*viewBox/);
      }
      for (const query of [
        "type=code128&text=%3Cscript%3E",
        `type=qrcode&text=${"1".repeat(129)}`,
        "type=ean13&text=123",
        "type=qrcode",
      ]) {
        const res = await fetch(`${base}/_sandbox/barcode.svg?${query}`);
        expect(res.status, query).toBe(400);
        expect(((await res.json()) as { error: { code: string } }).error.code).toBeTruthy();
      }
    });
  });

  describe("wallet page", () => {
    it("serves a self-contained page with the code as Code 128 and QR SVGs", async () => {
      const res = await fetch(`${base}/wallet?wallet=unionpay&outcome=slow`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/^text\/html/);
      expect(res.headers.get("content-security-policy")).toContain("default-src 'self'");
      const html = await res.text();
      const boot = JSON.parse(/<script type="application\/json" id="boot">(.*?)<\/script>/s.exec(html)![1]!) as {
        initial: { code: string; wallet: string; outcome: string };
      };
      expect(boot.initial).toMatchObject({ wallet: "unionpay", outcome: "slow" });
      expect(boot.initial.code).toMatch(/^62\d{13}5555$/);
      const grouped = boot.initial.code.replace(/(.{4})(?=.)/g, "$1 ");
      expect(html).toContain(grouped);
      expect(html.match(/<svg /g)).toHaveLength(2);
      expect(html).toContain(
        await (await fetch(`${base}/_sandbox/barcode.svg?type=code128&text=${boot.initial.code}`)).text(),
      );
      expect(html).not.toMatch(/(src|href)=["']?(https?:)?\/\//i);
      const status = await getJson<{ issued: boolean }>(`${base}/_sandbox/code-status?code=${boot.initial.code}`);
      expect(status.body.issued).toBe(true);
    });

    it("redirects / to /wallet and refuses unknown wallets", async () => {
      const res = await fetch(`${base}/`, { redirect: "manual" });
      expect(res.status).toBe(302);
      expect(res.headers.get("location")).toBe("/wallet");
      expect((await fetch(`${base}/wallet?wallet=octopus`)).status).toBe(400);
    });
  });

  describe("bad input never crashes the server", () => {
    const raw = (path: string, init: RequestInit) => fetch(`${base}${path}`, init);

    it("answers malformed bodies with QFPay JSON", async () => {
      const headers = { "X-QF-APPCODE": DEMO_APP_CODE, "X-QF-SIGN": "0" };
      const garbage = await raw("/trade/v1/payment", {
        method: "POST",
        headers: { ...headers, "Content-Type": "application/x-www-form-urlencoded" },
        body: "%%%&==x&txamt=%E0%A4%A&\u0000\uffff",
      });
      expect(garbage.status).toBe(200);
      expect(((await garbage.json()) as Answer).respcd).toBe("1108");
      const binary = await raw("/trade/v1/payment", {
        method: "POST",
        headers,
        body: new Uint8Array([0xff, 0xfe, 0x00, 0x80, 0x3d, 0x26]),
      });
      expect(((await binary.json()) as Answer).respcd).toMatch(/^11\d\d$/);
      const json = await raw("/trade/v1/payment", {
        method: "POST",
        headers: { ...headers, "Content-Type": "application/json" },
        body: JSON.stringify({ txamt: "1" }),
      });
      expect(((await json.json()) as Answer).respcd).toBe("1103");
      const twice = paymentFields();
      const body = `${new URLSearchParams(twice).toString()}&txamt=1`;
      const duplicate = await raw("/trade/v1/payment", {
        method: "POST",
        headers: { ...headers, "Content-Type": "application/x-www-form-urlencoded" },
        body,
      });
      expect(((await duplicate.json()) as Answer).respcd).toBe("1103");
      expect((await getJson(`${base}/_sandbox/health`)).status).toBe(200);
    });

    it("refuses bodies over 64 KB with 413", async () => {
      const res = await raw("/trade/v1/payment", {
        method: "POST",
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          "X-QF-APPCODE": DEMO_APP_CODE,
          "X-QF-SIGN": "0",
        },
        body: `goods_name=${"a".repeat(70 * 1024)}`,
      });
      expect(res.status).toBe(413);
      await res.text();
      const justUnder = await raw("/trade/v1/query", {
        method: "POST",
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          "X-QF-APPCODE": DEMO_APP_CODE,
          "X-QF-SIGN": "0",
        },
        body: `x=${"a".repeat(60 * 1024)}`,
      });
      expect(((await justUnder.json()) as Answer).respcd).toBe("1108");
      expect((await getJson(`${base}/_sandbox/health`)).status).toBe(200);
    });

    it("answers unknown paths with 404 JSON and wrong methods with 405", async () => {
      const missing = await getJson<{ error: { code: string } }>(`${base}/trade/v1/refundz`);
      expect(missing.status).toBe(404);
      expect(missing.body.error.code).toBe("not_found");
      expect((await raw("/trade/v1/payment", { method: "PUT", body: "x=1" })).status).toBe(405);
      expect((await raw("/_sandbox/transactions", { method: "DELETE" })).status).toBe(405);
    });
  });
});

describe("sandbox gateway (mchid issued)", () => {
  const merchant = { appCode: "0123456789ABCDEF0123456789ABCDEF", clientKey: "K3Y-for-branch", mchid: "ZaMVg12345" };
  let sandbox: RunningSandbox;
  const pay = (fields: Fields) =>
    call(sandbox.url, "/trade/v1/payment", fields, { key: merchant.clientKey, appCode: merchant.appCode });

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, merchant, pendingMs: PENDING_MS, slowMs: SLOW_MS });
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it("requires the issued mchid on every call", async () => {
    expect((await pay(paymentFields({ mchid: merchant.mchid }))).body.respcd).toBe("0000");
    const missing = await pay(paymentFields());
    expect(missing.body).toMatchObject({ respcd: "1108", resperr: "MCHCODE非法(1108)" });
    expect((await pay(paymentFields({ mchid: "R1zQrTdJnn" }))).body.respcd).toBe("1108");
    const demoCredentials = await call(sandbox.url, "/trade/v1/payment", paymentFields({ mchid: merchant.mchid }));
    expect(demoCredentials.body.respcd).toBe("1108");
  });
});

describe("sandbox query window (docs/qfpay.md §4: default = current HK calendar month)", () => {
  let clock = Date.parse("2026-10-31T15:59:00Z"); // 23:59 on 31 Oct in Hong Kong
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, now: () => clock });
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it("does not find last month's payment by out_trade_no without a window, but does by syssn or with one", async () => {
    const fields = paymentFields({ txdtm: "2026-10-31 23:59:00" });
    const paid = await call(sandbox.url, "/trade/v1/payment", fields);
    expect(paid.body.respcd).toBe("0000");
    expect((paid.body.syssn as string).slice(0, 8)).toBe("20261031");

    clock = Date.parse("2026-10-31T16:01:00Z"); // 00:01 on 1 Nov in Hong Kong
    const q = (extra: Fields) => call(sandbox.url, "/trade/v1/query", { out_trade_no: fields.out_trade_no!, ...extra });
    expect((await q({})).body.data).toEqual([]);
    expect((await q({ start_time: "2026-10-01 00:00:00", end_time: "2026-10-31 23:59:59" })).body.data).toHaveLength(1);
    const bySyssn = await call(sandbox.url, "/trade/v1/query", { syssn: paid.body.syssn as string });
    expect(bySyssn.body.data).toHaveLength(1);
  });
});
