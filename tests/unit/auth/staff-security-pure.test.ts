/**
 * The pure parts of issue 9's hardening: who the client is behind (or without) a trusted proxy,
 * unreadable paths, PIN rules, the throttle's growing locks, and the live/demo configuration rules.
 */
import { describe, expect, it } from "vitest";
import { assertRuntimeEnv, parseEnv } from "@/lib/env-schema";
import { clientFacts, isTrustedProxy, parseTrustedProxies } from "@/lib/http/trusted-proxy";
import { pinProblem } from "@/lib/auth/pins";
import { lockDurationMs, throttleAddress, throttleKeys } from "@/lib/auth/sign-in-throttle";

const SECRET = "x".repeat(40);

describe("client address and protocol (TRUSTED_PROXY)", () => {
  const none = parseTrustedProxies(undefined);
  const loop = parseTrustedProxies("loopback");
  const lan = parseTrustedProxies("10.0.0.0/8, 192.168.1.7, fd00::/8");

  it("without a trusted proxy, a client's own X-Forwarded-* headers are ignored", () => {
    const facts = clientFacts(
      { remoteAddress: "203.0.113.9" },
      { "x-forwarded-for": "1.2.3.4", "x-forwarded-proto": "https", "x-forwarded-host": "evil.example" },
      none,
    );
    expect(facts).toEqual({ address: "203.0.113.9", proto: "http", host: null });
  });

  it("a loopback proxy is believed; the client is the right-most address that is not a trusted proxy", () => {
    const facts = clientFacts(
      { remoteAddress: "::ffff:127.0.0.1" },
      {
        "x-forwarded-for": "6.6.6.6, 198.51.100.4",
        "x-forwarded-proto": "https",
        "x-forwarded-host": "till.example.com",
      },
      loop,
    );
    // 6.6.6.6 was written by the client itself; the proxy appended the address it saw.
    expect(facts).toEqual({ address: "198.51.100.4", proto: "https", host: "till.example.com" });
  });

  it("a request that does not come from the proxy's address is not believed, even with the headers", () => {
    expect(
      clientFacts(
        { remoteAddress: "198.51.100.4" },
        { "x-forwarded-for": "127.0.0.1", "x-forwarded-proto": "https" },
        loop,
      ),
    ).toEqual({ address: "198.51.100.4", proto: "http", host: null });
  });

  it("skips a chain of trusted proxies and stops at garbage", () => {
    expect(
      clientFacts({ remoteAddress: "10.1.2.3" }, { "x-forwarded-for": "198.51.100.4, 192.168.1.7" }, lan).address,
    ).toBe("198.51.100.4");
    expect(
      clientFacts({ remoteAddress: "10.1.2.3" }, { "x-forwarded-for": "not-an-ip, 192.168.1.7" }, lan).address,
    ).toBe("192.168.1.7");
    expect(clientFacts({ remoteAddress: "10.1.2.3" }, { "x-forwarded-host": "bad host\r\nx" }, lan).host).toBeNull();
  });

  it("matches CIDR ranges for IPv4 and IPv6, and refuses nonsense in the setting", () => {
    expect(isTrustedProxy("10.200.3.4", lan)).toBe(true);
    expect(isTrustedProxy("11.0.0.1", lan)).toBe(false);
    expect(isTrustedProxy("fd12::1", lan)).toBe(true);
    expect(isTrustedProxy("fe80::1", lan)).toBe(false);
    expect(isTrustedProxy("192.168.1.8", lan)).toBe(false);
    expect(() => parseTrustedProxies("10.0.0.0/33")).toThrow();
    expect(() => parseTrustedProxies("proxy.example")).toThrow();
  });
});

describe("PINs", () => {
  it("are 4–6 digits and not the ones everyone tries first", () => {
    expect(pinProblem("1357")).toBeNull();
    expect(pinProblem("808231")).toBeNull();
    for (const pin of ["123", "1234567", "12a4", ""]) expect(pinProblem(pin)).toBe("format");
    for (const pin of ["0000", "1234", "4321", "7890", "2580", "123456"]) expect(pinProblem(pin)).toBe("too_simple");
  });
});

describe("throttle keys", () => {
  it("count an IPv6 client's whole /64 as one address, IPv4 as it is", () => {
    expect(throttleAddress("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(throttleAddress("2001:db8:1:2:ffff:ffff:ffff:ffff")).toBe("2001:db8:1:2::/64");
    expect(throttleAddress("2001:0db8::5")).toBe("2001:db8:0:0::/64");
    expect(throttleAddress("198.51.100.7")).toBe("198.51.100.7");
  });

  it("always end with the client's own address, whatever the username holds", () => {
    const [mine] = throttleKeys.password("owner|10.0.0.9", "198.51.100.7");
    const [victim] = throttleKeys.password("owner", "10.0.0.9");
    expect(mine!.key.endsWith("|198.51.100.7")).toBe(true);
    expect(mine!.key).not.toBe(victim!.key);
  });
});

describe("throttle locks", () => {
  it("start after the free tries and grow to a 15-minute cap", () => {
    expect(lockDurationMs(4, 5)).toBe(0);
    expect(lockDurationMs(5, 5)).toBe(30_000);
    expect(lockDurationMs(6, 5)).toBe(60_000);
    expect(lockDurationMs(9, 5)).toBe(480_000);
    expect(lockDurationMs(40, 5)).toBe(900_000);
  });
});

describe("live and demo configuration", () => {
  const live = {
    QFPAY_BASE_URL: "https://openapi-hk.qfapi.com",
    QFPAY_APP_CODE: "a",
    QFPAY_CLIENT_KEY: "k",
    NEXTAUTH_SECRET: SECRET,
  };
  const check = (env: Record<string, string>) => () => assertRuntimeEnv(parseEnv(env));

  it("live mode needs an https public address and an https QFPay URL; loopback is allowed plain", () => {
    expect(check(live)).toThrow(/NEXTAUTH_URL: is required in live mode/);
    expect(check({ ...live, NEXTAUTH_URL: "http://till.example.com" })).toThrow(/NEXTAUTH_URL: must be an https/);
    expect(check({ ...live, NEXTAUTH_URL: "https://till.example.com" })).toThrow(/TRUSTED_PROXY: is required/);
    expect(check({ ...live, NEXTAUTH_URL: "https://till.example.com", TRUSTED_PROXY: "loopback" })).not.toThrow();
    expect(check({ ...live, NEXTAUTH_URL: "http://127.0.0.1:3000" })).not.toThrow();
    expect(
      check({
        ...live,
        QFPAY_BASE_URL: "http://openapi-hk.qfapi.com",
        NEXTAUTH_URL: "https://till.example.com",
        TRUSTED_PROXY: "loopback",
      }),
    ).toThrow(/QFPAY_BASE_URL: must be an https/);
  });

  it("demo mode runs only against a local sandbox", () => {
    expect(check({ ...live, SCANTILL_DEMO: "1" })).toThrow(/demo mode runs only against the local QFPay sandbox/);
    expect(check({ ...live, QFPAY_BASE_URL: "http://127.0.0.1:3100", SCANTILL_DEMO: "1" })).not.toThrow();
  });

  it("a short session secret or a bad TRUSTED_PROXY stops start-up", () => {
    expect(() => parseEnv({ ...live, NEXTAUTH_SECRET: "short" })).toThrow(/NEXTAUTH_SECRET/);
    expect(() => parseEnv({ ...live, TRUSTED_PROXY: "everyone" })).toThrow(/TRUSTED_PROXY/);
    expect(parseEnv({ ...live, TRUSTED_PROXY: "loopback,10.0.0.0/8" }).TRUSTED_PROXY).toBe("loopback,10.0.0.0/8");
  });
});
