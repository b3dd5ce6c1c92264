/**
 * [API]: bad input gets a clear 4xx and changes nothing; only a signed-in staff member may write.
 */
import { expect, test, type APIRequestContext } from "@playwright/test";
import { E2E } from "./support/e2e-settings";
import { apiSignIn, sandboxTransactions } from "./support/pos";

async function ledgerSize(request: APIRequestContext): Promise<number> {
  return ((await (await request.get("/api/payments?limit=200")).json()) as { payments: unknown[] }).payments.length;
}

test("[API]: no session → 401, and nothing reaches QFPay", async ({ playwright }) => {
  const anonymous = await playwright.request.newContext({ baseURL: E2E.appUrl });
  const before = (await sandboxTransactions(anonymous)).length;
  const res = await anonymous.post("/api/payments", { data: { amount: 100, authCode: "134857901234588557" } });
  expect(res.status()).toBe(401);
  expect(((await res.json()) as { error: { code: string } }).error.code).toBe("unauthorized");
  expect((await anonymous.get("/api/payments")).status()).toBe(401);
  expect((await sandboxTransactions(anonymous)).length).toBe(before);
  await anonymous.dispose();
});

test("[API]: malformed and out-of-range requests get 4xx with a message and write nothing", async ({ request }) => {
  await apiSignIn(request);
  const before = await ledgerSize(request);
  const gatewayBefore = (await sandboxTransactions(request)).length;
  const code = "134857901234588557";
  const cases: Array<[string, { data?: unknown; body?: string; headers?: Record<string, string> }, number]> = [
    ["zero amount", { data: { amount: 0, authCode: code } }, 400],
    ["negative amount", { data: { amount: -100, authCode: code } }, 400],
    ["fractional amount", { data: { amount: 12.5, authCode: code } }, 400],
    ["huge amount", { data: { amount: 1e15, authCode: code } }, 400],
    ["unknown currency", { data: { amount: 100, currency: "XYZ", authCode: code } }, 400],
    ["other currency", { data: { amount: 100, currency: "USD", authCode: code } }, 400],
    ["empty code", { data: { amount: 100, authCode: "" } }, 400],
    ["200-character code", { data: { amount: 100, authCode: "1".repeat(200) } }, 400],
    ["missing code", { data: { amount: 100 } }, 400],
    ["malformed JSON", { body: "{amount: 1", headers: { "content-type": "application/json" } }, 400],
    ["JSON array", { body: "[1,2]", headers: { "content-type": "application/json" } }, 400],
    ["JSON null", { body: "null", headers: { "content-type": "application/json" } }, 400],
    ["not JSON", { body: "amount=1", headers: { "content-type": "application/x-www-form-urlencoded" } }, 415],
    [
      "huge body",
      {
        body: JSON.stringify({ amount: 100, authCode: code, pad: "x".repeat(40_000) }),
        headers: { "content-type": "application/json" },
      },
      413,
    ],
  ];
  for (const [name, req, status] of cases) {
    const res = await request.post(
      "/api/payments",
      req.data !== undefined ? { data: req.data } : { data: req.body, headers: req.headers },
    );
    expect(res.status(), name).toBe(status);
    const body = (await res.json()) as { error?: { code: string; message: string } };
    expect(body.error?.message, name).toBeTruthy();
  }
  expect(await ledgerSize(request)).toBe(before);
  expect((await sandboxTransactions(request)).length).toBe(gatewayBefore);
  expect((await request.get("/api/payments/NO_SUCH_PAYMENT_1")).status()).toBe(404);
  expect((await request.get("/api/payments/..%2F..%2Fetc")).status()).toBe(404);
});

// Next 16 decodes dynamic segments while routing, before any handler runs, and answers such a request
// 500 itself (an app-only build has no error page for 400); the check belongs in front of routing
// (proxy.ts). withStaff also maps what reaches it (tests/unit/http/with-staff-bad-address.test.ts).
test("[API]: a malformed percent-encoding in a payment address is 400 invalid_request, never 500", async ({
  request,
}) => {
  await apiSignIn(request, "manager", "manager123"); // refunds need a manager: the 400 must not hide behind a 403
  const before = await ledgerSize(request);
  const gatewayBefore = (await sandboxTransactions(request)).length;
  for (const path of ["/api/payments/%ZZ", "/api/payments/%ZZ/cancel", "/api/payments/%E0%A4%A/refunds"]) {
    for (const method of ["GET", "POST"] as const) {
      const res =
        method === "GET"
          ? await request.get(path)
          : await request.post(path, { data: { amount: 100, outTradeNo: `E2EBAD${Date.now()}` } });
      const name = `${method} ${path}`;
      expect(res.status(), name).toBe(400);
      expect(res.headers()["content-type"], name).toMatch(/^application\/json/);
      const body = (await res.json()) as { error?: { code: string; message: string } };
      expect(body.error?.code, name).toBe("invalid_request");
      expect(body.error?.message, name).toBeTruthy();
    }
  }
  expect(await ledgerSize(request)).toBe(before);
  expect((await sandboxTransactions(request)).length).toBe(gatewayBefore);
});

test("[API]: a replay answers 200 with the same payment; a conflicting replay is 409", async ({ request }) => {
  await apiSignIn(request);
  const code = `13${Date.now()}`.slice(0, 16) + "77";
  const outTradeNo = `E2E${Date.now()}`;
  const first = await request.post("/api/payments", { data: { outTradeNo, amount: 4200, authCode: code } });
  expect(first.status()).toBe(201);
  const replay = await request.post("/api/payments", { data: { outTradeNo, amount: 4200, authCode: code } });
  expect(replay.status()).toBe(200);
  expect(((await replay.json()) as { outTradeNo: string }).outTradeNo).toBe(outTradeNo);
  const conflict = await request.post("/api/payments", { data: { outTradeNo, amount: 4300, authCode: code } });
  expect(conflict.status()).toBe(409);
  const recorded = (await sandboxTransactions(request)).filter((t) => t.out_trade_no === outTradeNo);
  expect(recorded).toHaveLength(1);
  const view = (await (await request.get(`/api/payments/${outTradeNo}`)).json()) as Record<string, unknown>;
  expect(Object.keys(view)).toEqual(
    expect.arrayContaining([
      "outTradeNo",
      "status",
      "amount",
      "currency",
      "payType",
      "syssn",
      "respcd",
      "message",
      "createdAt",
      "updatedAt",
    ]),
  );
  expect(view).toMatchObject({ status: "paid", amount: 4200, currency: "HKD" });
  expect((await (await request.get("/api/health")).json()) as unknown).toMatchObject({ ok: true });
});

test("[API]: a stranger's oversized notification gets 413, an unsigned one 401 (the byte cap itself: tests/unit/http/hardening.test.ts)", async ({
  playwright,
}) => {
  const stranger = await playwright.request.newContext({ baseURL: E2E.appUrl });
  const big = await stranger.post("/api/qfpay/notify", {
    data: "x".repeat(200 * 1024),
    headers: { "content-type": "application/json", "x-qf-sign": "00" },
  });
  expect(big.status()).toBe(413);
  const unsigned = await stranger.post("/api/qfpay/notify", { data: { out_trade_no: "X1", notify_type: "payment" } });
  expect(unsigned.status()).toBe(401);
  await stranger.dispose();
});

test("[AUTH]: the sign-in page never sends a signed-in user off the site (tab, backslash, CR/LF tricks)", async ({
  page,
}) => {
  await page.goto("/login");
  await page.getByTestId("login-username").fill("cashier");
  await page.getByTestId("login-password").fill("cashier123");
  await page.getByTestId("login-submit").click();
  await page.waitForURL("**/sale");
  for (const trick of [
    "%2F%09%2Fevil.example",
    "%2F%5Cevil.example",
    "%2F%0D%0ASet-Cookie%3A%20x%3D1",
    "https%3A%2F%2Fevil.example",
  ]) {
    const res = await page.goto(`/login?callbackUrl=${trick}`);
    expect(res?.status(), trick).toBeLessThan(500);
    expect(new URL(page.url()).host, trick).toBe(new URL(E2E.appUrl).host);
    expect(new URL(page.url()).pathname, trick).toBe("/sale");
  }
});
