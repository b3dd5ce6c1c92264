/**
 * Issue 9 on the sandbox: its trade and admin side stays on loopback, a phone on the LAN gets only
 * the wallet page (and never a list of codes), and a request's own notify_url cannot make it POST
 * to another host (sandbox/README.md "Network", "Asynchronous notifications").
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isLoopbackHost, loopbackOrigin } from "../../../sandbox/loopback";
import { DEMO_APP_CODE, startSandbox, type RunningSandbox, type SandboxLan } from "../../../sandbox/server";
import {
  callJson,
  hkTime,
  orderNo,
  paymentFields,
  Receiver,
  signFields,
  sleep,
  waitFor,
  type Fields,
} from "../../support/sandbox-client";

describe("isLoopbackHost / loopbackOrigin", () => {
  it("accepts only this machine's addresses", () => {
    for (const host of [
      "127.0.0.1",
      "127.3.2.1",
      "localhost",
      "LOCALHOST",
      "::1",
      "[::1]",
      "0:0:0:0:0:0:0:1",
      "::ffff:127.0.0.1",
    ]) {
      expect(isLoopbackHost(host), host).toBe(true);
    }
    for (const host of [
      "0.0.0.0",
      "::",
      "",
      "10.0.0.5",
      "192.168.1.20",
      "fe80::1",
      "example.com",
      "127.0.0.1.nip.io",
      "localhost.example",
    ]) {
      expect(isLoopbackHost(host), host).toBe(false);
    }
  });

  it("gives the origin of loopback http(s) URLs only", () => {
    expect(loopbackOrigin("http://127.0.0.1:4000/notify?x=1")).toBe("http://127.0.0.1:4000");
    expect(loopbackOrigin("https://[::1]:8443/")).toBe("https://[::1]:8443");
    // userinfo that looks like a host does not change where the request goes
    expect(loopbackOrigin("http://127.0.0.1:4000@127.0.0.1:5000/x")).toBe("http://127.0.0.1:5000");
    expect(loopbackOrigin("http://127.0.0.1@example.invalid/x")).toBeNull();
    for (const url of [
      "http://example.invalid/",
      "ftp://127.0.0.1/",
      "file:///etc/passwd",
      "http://10.0.0.1:80/",
      "not a url",
    ]) {
      expect(loopbackOrigin(url), url).toBeNull();
    }
  });
});

describe("main listener host", () => {
  it("refuses a non-loopback host without allowNonLoopback", async () => {
    await expect(startSandbox({ port: 0, host: "0.0.0.0" })).rejects.toThrow(/not loopback.*allowNonLoopback/s);
    await expect(startSandbox({ port: 0, host: "::" })).rejects.toThrow(/not loopback/);
    await expect(startSandbox({ port: 0, host: "192.168.1.20", allowNonLoopback: false })).rejects.toThrow(
      /not loopback/,
    );
  });

  it("binds a non-loopback host when explicitly allowed, and loopback by default", async () => {
    const open = await startSandbox({ port: 0, host: "0.0.0.0", allowNonLoopback: true });
    try {
      expect(open.host).toBe("0.0.0.0");
      expect((await fetch(`${open.url}/_sandbox/health`)).status).toBe(200);
    } finally {
      await open.close();
    }
    const local = await startSandbox({ port: 0 });
    try {
      expect(local.host).toBe("127.0.0.1");
      expect(local.lan).toBeNull();
    } finally {
      await local.close();
    }
  });
});

describe("LAN listener: the wallet page only", () => {
  let sandbox: RunningSandbox;
  let lan: SandboxLan;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, lan: { port: 0 }, pendingMs: 300 });
    lan = sandbox.lan!;
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it("listens on every interface by default, on its own port", () => {
    expect(lan.host).toBe("0.0.0.0");
    expect(lan.port).not.toBe(sandbox.port);
    expect(lan.walletUrl).toBe(`http://127.0.0.1:${lan.port}/wallet`);
  });

  it("serves the wallet page, and the page fetches nothing outside /wallet/", async () => {
    const res = await fetch(lan.walletUrl + "?wallet=alipay&outcome=success");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await res.text();
    const boot = JSON.parse(/<script type="application\/json" id="boot">(.*?)<\/script>/s.exec(html)![1]!) as {
      initial: { code: string; wallet: string };
    };
    expect(boot.initial.wallet).toBe("alipay");
    expect(html).not.toContain("/_sandbox/");
    expect(html).toContain('"/wallet/code?wallet="');
    expect(html).toContain('"/wallet/status?code="');
    expect(html).toContain('"/wallet/barcode.svg?type=code128&text="');

    const root = await fetch(`${lan.url}/`, { redirect: "manual" });
    expect(root.status).toBe(302);
    expect(root.headers.get("location")).toBe("/wallet");
  });

  it("answers the page's own calls: a fresh code, its barcode and only its own status", async () => {
    const fresh = await fetch(`${lan.url}/wallet/code?wallet=wechat&outcome=success`);
    expect(fresh.status).toBe(200);
    const issued = (await fresh.json()) as { code: string; lifetimeMs: number };
    expect(issued.code).toMatch(/^1[0-5]\d{16}$/);

    const svg = await fetch(`${lan.url}/wallet/barcode.svg?type=qrcode&text=${issued.code}`);
    expect(svg.status).toBe(200);
    expect(await svg.text()).toContain("<svg");

    const before = await fetch(`${lan.url}/wallet/status?code=${issued.code}`);
    expect(await before.json()).toEqual({ presented: false, transaction: null });

    // The till presents it on the main (loopback) listener; the phone sees the result, nothing more.
    const fields = paymentFields({ auth_code: issued.code });
    expect((await callJson(sandbox.url, "/trade/v1/payment", fields)).respcd).toBe("0000");
    const after = (await (await fetch(`${lan.url}/wallet/status?code=${issued.code}`)).json()) as {
      presented: boolean;
      transaction: Record<string, unknown>;
    };
    expect(after.presented).toBe(true);
    expect(Object.keys(after.transaction).sort()).toEqual([
      "respcd",
      "resperr",
      "status",
      "syssn",
      "txamt",
      "txcurrcd",
    ]);
    expect(after.transaction).toMatchObject({ status: "paid", respcd: "0000", txamt: "1250", txcurrcd: "HKD" });
    expect(JSON.stringify(after)).not.toContain(fields.out_trade_no!);
  });

  it("does not answer about codes it did not issue (no probing of codes the till presented)", async () => {
    const typed = paymentFields();
    expect((await callJson(sandbox.url, "/trade/v1/payment", typed)).respcd).toBe("0000");
    expect((await fetch(`${lan.url}/wallet/status?code=${typed.auth_code}`)).status).toBe(404);
    expect((await fetch(`${lan.url}/wallet/status?code=not%20a%20code`)).status).toBe(400);
    // The main listener still has the full picture for tests.
    expect((await fetch(`${sandbox.url}/_sandbox/code-status?code=${typed.auth_code}`)).status).toBe(200);
  });

  const ADMIN_PATHS = [
    "/_sandbox/health",
    "/_sandbox/transactions",
    "/_sandbox/code?wallet=wechat&outcome=success",
    "/_sandbox/code-status?code=130000000000000001",
    "/_sandbox/barcode.svg?type=qrcode&text=1",
    "/_sandbox/notifications",
    "/_sandbox/faults",
  ];
  const TRADE_PATHS = [
    "/trade/v1/payment",
    "/trade/v1/query",
    "/trade/v1/reversal",
    "/trade/v1/close",
    "/trade/v1/refund",
  ];

  it("404s every /_sandbox admin path, whatever the method, and lists no code", async () => {
    const presented = paymentFields();
    await callJson(sandbox.url, "/trade/v1/payment", presented);
    for (const path of ADMIN_PATHS) {
      for (const method of ["GET", "POST", "DELETE"]) {
        const res = await fetch(`${lan.url}${path}`, {
          method,
          ...(method === "POST"
            ? { headers: { "Content-Type": "application/json" }, body: JSON.stringify({ kind: "html500" }) }
            : {}),
        });
        const text = await res.text();
        expect(res.status, `${method} ${path}`).toBe(404);
        expect(JSON.parse(text)).toMatchObject({ error: { code: "not_found" } });
        expect(text).not.toContain(presented.auth_code!);
      }
    }
    // The POST/DELETE to /_sandbox/faults changed nothing.
    expect(sandbox.faults.list()).toEqual([]);
    // The same paths are served on the main listener.
    expect(await (await fetch(`${sandbox.url}/_sandbox/transactions`)).text()).toContain(presented.auth_code!);
  });

  it("404s /trade/v1/* (signed or not) and records nothing", async () => {
    const count = sandbox.ledger.all().length;
    for (const path of TRADE_PATHS) {
      const fields = paymentFields();
      const signed = await fetch(`${lan.url}${path}`, {
        method: "POST",
        headers: {
          "X-QF-APPCODE": DEMO_APP_CODE,
          "X-QF-SIGN": signFields(fields),
          "Content-Type": "application/x-www-form-urlencoded",
        },
        body: new URLSearchParams(fields).toString(),
      });
      expect(signed.status, path).toBe(404);
      expect((await fetch(`${lan.url}${path}?${new URLSearchParams(fields).toString()}`)).status, `GET ${path}`).toBe(
        404,
      );
    }
    expect(sandbox.ledger.all()).toHaveLength(count);
  });

  it("closes both listeners", async () => {
    const other = await startSandbox({ port: 0, lan: { host: "127.0.0.1", port: 0 } });
    const lanUrl = other.lan!.walletUrl;
    expect((await fetch(lanUrl)).status).toBe(200);
    await other.close();
    await expect(fetch(lanUrl)).rejects.toThrow();
  });

  it("fails to start, with the listen error, when the LAN port is taken", async () => {
    await expect(startSandbox({ port: 0, lan: { host: "127.0.0.1", port: sandbox.port } })).rejects.toThrow(
      /EADDRINUSE/,
    );
  });
});

describe("a request's own notify_url", () => {
  const SCALE = 0.001;
  const configured = new Receiver(); // the merchant's configured URL
  const allowed = new Receiver(); // an allow-listed loopback receiver
  const target = new Receiver(); // where an attacker would like the sandbox to POST
  let sandbox: RunningSandbox;
  const pay = (fields: Fields) => callJson(sandbox.url, "/trade/v1/payment", fields);
  const recordFor = (no: string) => sandbox.notifications.list().find((n) => n.out_trade_no === no);

  beforeAll(async () => {
    await Promise.all([configured.start(), allowed.start(), target.start()]);
    sandbox = await startSandbox({
      port: 0,
      notifyUrl: `${configured.origin}/qfpay/notify`,
      notifyAllow: [`${allowed.origin}/anything`],
      notifyScale: SCALE,
    });
  });
  afterAll(async () => {
    await sandbox?.close();
    await Promise.all([configured.stop(), allowed.stop(), target.stop()]);
  });

  it("refuses a non-loopback allow-list entry at start", async () => {
    for (const entry of ["http://example.com/notify", "http://10.0.0.1:8080/", "ftp://127.0.0.1/", "notify"]) {
      await expect(startSandbox({ port: 0, notifyAllow: [entry] }), entry).rejects.toThrow(/notifyAllow/);
    }
  });

  it("is ignored when it points anywhere but the configured URL or an allow-listed origin: the configured URL gets it", async () => {
    const targetPort = new URL(target.origin).port;
    const allowedPort = new URL(allowed.origin).port;
    const attempts = [
      `${target.origin}/x`, // loopback, but a port nobody allow-listed
      `http://127.0.0.1:${allowedPort}@127.0.0.1:${targetPort}/x`, // the allowed port as userinfo
      `http://localhost:${targetPort}/x`,
      "http://127.0.0.2:9/x",
      "http://example.invalid/",
      "ftp://127.0.0.1/",
    ];
    for (const notifyUrl of attempts) {
      const fields = paymentFields({ notify_url: notifyUrl });
      expect((await pay(fields)).respcd, notifyUrl).toBe("0000");
      const record = await waitFor(() =>
        recordFor(fields.out_trade_no!)?.state === "delivered" ? recordFor(fields.out_trade_no!) : undefined,
      );
      expect(record.url, notifyUrl).toBe(`${configured.origin}/qfpay/notify`);
      expect(record.attempts).toHaveLength(1);
      expect(configured.for(fields.out_trade_no!), notifyUrl).toHaveLength(1);
    }
    await sleep(150);
    expect(target.received).toEqual([]);
  });

  it("is ignored on a refund too", async () => {
    const paid = await pay(paymentFields());
    const refundNo = orderNo("R");
    const answer = await callJson(sandbox.url, "/trade/v1/refund", {
      syssn: paid.syssn as string,
      out_trade_no: refundNo,
      txamt: "100",
      txdtm: hkTime(),
      notify_url: `${target.origin}/refund`,
    });
    expect(answer.respcd).toBe("0000");
    await waitFor(() => (configured.for(refundNo).length ? true : undefined));
    await sleep(150);
    expect(target.received).toEqual([]);
  });

  it("is used when it is on an allow-listed loopback origin (any path)", async () => {
    const fields = paymentFields({ notify_url: `${allowed.origin}/per-request` });
    await pay(fields);
    const [got] = await waitFor(() =>
      allowed.for(fields.out_trade_no!).length ? allowed.for(fields.out_trade_no!) : undefined,
    );
    expect(got!.path).toBe("/per-request");
    expect(configured.for(fields.out_trade_no!)).toEqual([]);
  });

  it("without a configured URL, an arbitrary one sends nothing at all", async () => {
    const bare = await startSandbox({ port: 0, notifyScale: SCALE });
    try {
      const fields = paymentFields({ notify_url: `${target.origin}/bare` });
      expect((await callJson(bare.url, "/trade/v1/payment", fields)).respcd).toBe("0000");
      await sleep(200);
      expect(bare.notifications.list()).toEqual([]);
      expect(target.received).toEqual([]);
    } finally {
      await bare.close();
    }
  });
});
