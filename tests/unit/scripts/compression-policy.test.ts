/** Which answers Next may compress (scripts/lib/compression-policy.ts, issue 10). */
import { describe, expect, it } from "vitest";
import { mayCompress } from "@/scripts/lib/compression-policy";

describe("compression policy", () => {
  it("leaves the small API answers uncompressed: status reads, payments, health, sign-in, QFPay's notify", () => {
    for (const [method, target] of [
      ["GET", "/api/payments/SCT20261128ABC"],
      ["GET", "/api/payments/SCT20261128ABC?x=1"],
      ["POST", "/api/payments"],
      ["POST", "/api/payments/SCT1/cancel"],
      ["GET", "/api/health"],
      ["GET", "/api/session"],
      ["POST", "/api/auth/callback/credentials"],
      ["POST", "/api/qfpay/notify"],
    ] as const) {
      expect(mayCompress(method, target), `${method} ${target}`).toBe(false);
    }
  });

  it("still compresses pages, scripts and the API's long lists", () => {
    for (const [method, target] of [
      ["GET", "/sale"],
      ["GET", "/"],
      ["GET", "/_next/static/chunks/app.js"],
      ["GET", "/api/payments?limit=200"],
      ["GET", "/api/payments/"],
      ["GET", "/api/audit?from=2026-11-01"],
      ["GET", "/api/audit/export.csv"],
      ["GET", "/api/reconciliation?date=2026-11-28"],
      ["HEAD", "/api/payments"],
    ] as const) {
      expect(mayCompress(method, target), `${method} ${target}`).toBe(true);
    }
  });
});
