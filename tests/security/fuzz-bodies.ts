/**
 * Request bodies for the fuzz: per route (payments, refunds, attention decisions, QFPay
 * notifications, sign-in forms) and generic (random, malformed, deeply nested, huge, binary).
 *
 * Ledger safety (issue 9: "accepted requests that legitimately create rows … should be avoided"):
 * a payment or refund body is always broken in at least one field, and checked against the app's
 * own schemas (lib/payments/create-*-input.ts) before it is sent; a refund that would pass the
 * schema goes only to a payment that does not exist, or asks for more than the seeded payment's
 * amount. No body carries a demo password, a demo PIN or a valid notification signature.
 */
import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import { DEMO_STAFF } from "../../lib/auth/demo-staff";
import { createPaymentInput } from "../../lib/contract/payments";
import { createRefundInput } from "../../lib/contract/refunds";
import type { Rng } from "./fuzz-random";
import { HOSTILE_JSON_VALUES, HOSTILE_STRINGS, NUMBER_LITERALS } from "./fuzz-values";

export type Body = { contentType: string | null; encoding?: string; bytes: Buffer; tricks: string[] };

const digits = (rng: Rng, n: number) => Array.from({ length: n }, () => rng.int(0, 9)).join("");
const json = (v: unknown) => JSON.stringify(v);
/** A record without a prototype, so "__proto__" and "constructor" become plain keys of the JSON. */
const rec = (init: Record<string, string>): Record<string, string> =>
  Object.assign(Object.create(null) as Record<string, string>, init);
const objectText = (fields: Record<string, string>) =>
  `{${Object.entries(fields)
    .map(([k, v]) => `${json(k)}:${v}`)
    .join(",")}}`;

/** Parses like the server (JSON.parse of UTF-8) and says whether the schema would accept it. */
function passes(
  schema: { safeParse(v: unknown): { success: boolean; data?: unknown } },
  text: string,
): { data: Record<string, unknown> } | null {
  try {
    const r = schema.safeParse(JSON.parse(text));
    return r.success ? { data: r.data as Record<string, unknown> } : null;
  } catch {
    return null;
  }
}

const BAD_AMOUNTS = [
  "0",
  "-0",
  "-1",
  "1.5",
  "1e-7",
  "1e309",
  "-1e309",
  "9007199254740993",
  "100000000",
  "1e15",
  '"100"',
  "null",
  "true",
  "[]",
  "{}",
  '"NaN"',
  "NaN",
  "Infinity",
  '""',
];
const BAD_CODES = [
  '""',
  '"123"',
  json("1".repeat(129)),
  "123456789012345678",
  "null",
  "[]",
  json("12345-67890-12345"),
  json("1234567890\u200b123456"),
  json("\u202e1234567890123456"),
  json("12345678901234567890\u0000"),
  json("\ud800123456789012"),
  json("💳".repeat(12)),
  json("０１２３４５６７８９０１"),
];
const BAD_TRADE_NOS = [
  '""',
  json("short"),
  json("x".repeat(65)),
  json("../../etc/passwd"),
  json("FUZZ 0001"),
  json("FUZZ\u00000001"),
  "12345678",
  "null",
  json("ÄÖÜ12345678"),
];
const BAD_CURRENCIES = ['"XYZ"', '""', "840", "null", json("HKD\u0000"), json("hkd "), json("H".repeat(300))];
const BAD_PAY_TYPES = ['"800009"', '""', "800008", "null", json("800008\u0000"), json("' OR 1=1")];

function noise(rng: Rng, fields: Record<string, string>, tricks: string[]): void {
  if (rng.chance(0.15)) {
    fields["__proto__" as string] = '{"role":"owner","amount":1}';
    tricks.push("__proto__ key");
  }
  if (rng.chance(0.1)) {
    fields["constructor" as string] = '{"prototype":{"isAdmin":true}}';
    tricks.push("constructor key");
  }
  if (rng.chance(0.1)) {
    fields[rng.pick(HOSTILE_STRINGS).slice(0, 40) || "k"] = json(rng.pick(HOSTILE_STRINGS));
    tricks.push("hostile key");
  }
  if (rng.chance(0.1)) {
    fields.role = '"owner"';
    fields.staff = '{"role":"owner"}';
    tricks.push("role claim");
  }
}

/** POST /api/payments: near-valid, with one to three fields broken. */
export function paymentBody(rng: Rng, tricks: string[]): string {
  for (;;) {
    const fields = rec({ amount: String(rng.int(1, 99_999)), authCode: json(digits(rng, 18)) });
    if (rng.chance(0.4)) fields.outTradeNo = json(`FUZZ${digits(rng, 10)}`);
    if (rng.chance(0.3)) fields.currency = '"HKD"';
    if (rng.chance(0.3)) fields.payType = '"800008"';
    for (let i = rng.int(1, 3); i > 0; i--) {
      const field = rng.pick([
        "amount",
        "amount",
        "authCode",
        "authCode",
        "outTradeNo",
        "currency",
        "payType",
      ] as const);
      const bad = {
        amount: BAD_AMOUNTS,
        authCode: BAD_CODES,
        outTradeNo: BAD_TRADE_NOS,
        currency: BAD_CURRENCIES,
        payType: BAD_PAY_TYPES,
      }[field];
      fields[field] = rng.pick(bad);
      tricks.push(`${field}=${fields[field].slice(0, 24)}`);
    }
    if (rng.chance(0.1)) {
      delete fields.amount;
      tricks.push("no amount");
    }
    noise(rng, fields, tricks);
    const text = objectText(fields);
    if (!passes(createPaymentInput, text)) return text;
    tricks.length = 0; // it would be a real payment: draw again
  }
}

/** POST /api/payments/{id}/refunds: broken, or more than the seeded payment holds (409). */
export function refundBody(rng: Rng, tricks: string[], toSeededPayment: boolean, seededAmount: number): string {
  for (;;) {
    const fields = rec({ amount: String(rng.int(1, 5_000)) });
    if (rng.chance(0.4)) fields.outTradeNo = json(`FUZZRF${digits(rng, 10)}`);
    if (rng.chance(0.7)) {
      const field = rng.pick(["amount", "amount", "outTradeNo"] as const);
      fields[field] = rng.pick(field === "amount" ? BAD_AMOUNTS : BAD_TRADE_NOS);
      tricks.push(`${field}=${fields[field].slice(0, 24)}`);
    } else {
      fields.amount = String(rng.int(seededAmount + 1, 99_999_999));
      tricks.push("amount over what is left");
    }
    noise(rng, fields, tricks);
    const text = objectText(fields);
    const ok = passes(createRefundInput, text);
    if (!ok || !toSeededPayment || Number(ok.data.amount) > seededAmount) return text;
    tricks.length = 0;
  }
}

/**
 * Whether a body, read as the server reads it (UTF-8, then JSON.parse: lib/http/read-json-body.ts),
 * would start a payment, or grant a refund of the seeded payment, if it reached those routes. Any
 * generated body (random JSON, a mis-encoding) is checked with this before it is sent.
 */
export function wouldChangeLedger(bytes: Buffer, seeded: { amount: number } | null): "payment" | "refund" | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString("utf8"));
  } catch {
    return null;
  }
  if (createPaymentInput.safeParse(parsed).success) return "payment";
  const refund = createRefundInput.safeParse(parsed);
  return seeded && refund.success && refund.data.amount <= seeded.amount ? "refund" : null;
}

/** POST /api/payments/{id}/attention: valid decisions are safe here (the seeded payment needs no decision: 409). */
export function attentionBody(rng: Rng, tricks: string[]): string {
  const action = rng.pick([
    '"keep"',
    '"refund"',
    '"KEEP"',
    '""',
    "null",
    "1",
    '["keep"]',
    json(rng.pick(HOSTILE_STRINGS)),
  ]);
  tricks.push(`action=${action.slice(0, 20)}`);
  const fields = rec({ action });
  noise(rng, fields, tricks);
  return objectText(fields);
}

/** A QFPay notification (the fields lib/qfpay/notifications.ts reads) and a signature that is never the right one. */
export function notifyBody(rng: Rng, tricks: string[], outTradeNo: string): { text: string; sign: string | null } {
  const fields = rec({
    notify_type: json(rng.pick(["payment", "refund", "", "PAYMENT", rng.pick(HOSTILE_STRINGS)])),
    out_trade_no: rng.chance(0.5)
      ? json(outTradeNo)
      : rng.pick([json(`FUZZ${digits(rng, 10)}`), "null", "123", json(rng.pick(HOSTILE_STRINGS))]),
    syssn: json(digits(rng, 20)),
    respcd: json(rng.pick(["0000", "1143", "", "9999"])),
    txamt: rng.pick(['"1000"', "1000", '"-1"', '"1e309"', "1e309", '"NaN"', "null", '"99999999999999999999"']),
    cancel: json(rng.pick(["0", "1", "3"])),
    txcurrcd: '"HKD"',
    txdtm: json("2026-11-28 12:00:00"),
  });
  noise(rng, fields, tricks);
  const text = objectText(fields);
  const wrongKey = `WRONG${digits(rng, 27)}`;
  const kind = rng.pick([
    "none",
    "random",
    "wrong key",
    "lower",
    "empty",
    "huge",
    "not hex",
    "sign of another body",
  ] as const);
  tricks.push(`sign: ${kind}`);
  const md5 = (s: string) => createHash("md5").update(s).digest("hex").toUpperCase();
  const sign = {
    none: null,
    random: md5(String(rng.next())),
    "wrong key": md5(text + wrongKey),
    lower: md5(text + wrongKey).toLowerCase(),
    empty: "",
    huge: "A".repeat(rng.int(1_000, 7_000)),
    "not hex": "Z".repeat(32),
    "sign of another body": md5(`{}${wrongKey}`),
  }[kind];
  return { text, sign };
}

const DEMO_SECRETS = new Set(DEMO_STAFF.flatMap((s) => [s.password, s.pin]));

/** A sign-in form (password or PIN provider) with wrong secrets only. */
export function authForm(rng: Rng, tricks: string[], csrfToken: string | null): string {
  const params = new URLSearchParams();
  if (csrfToken !== null) params.set("csrfToken", csrfToken);
  else if (rng.chance(0.7))
    params.set(
      "csrfToken",
      rng.pick(["", "x", "0".repeat(64), `${"a".repeat(64)}|${"b".repeat(64)}`, "%ZZ", "x".repeat(4_000)]),
    );
  params.set(
    "username",
    rng.pick([
      "cashier",
      "manager",
      "owner",
      "admin",
      "root",
      "CASHIER",
      " cashier ",
      "",
      "x".repeat(65),
      rng.pick(HOSTILE_STRINGS),
    ]),
  );
  let secret: string;
  do
    secret = rng.pick([
      digits(rng, rng.int(4, 6)),
      digits(rng, 3),
      digits(rng, 7),
      `pw${digits(rng, 6)}`,
      "",
      "x".repeat(257),
      rng.pick(HOSTILE_STRINGS),
    ]);
  while (DEMO_SECRETS.has(secret));
  params.set(rng.chance(0.5) ? "password" : "pin", secret);
  if (rng.chance(0.5)) params.set("json", "true");
  if (rng.chance(0.3))
    params.set(
      "callbackUrl",
      rng.pick(["https://evil.example", "//evil.example", "javascript:alert(1)", "/sale", "%ZZ"]),
    );
  if (rng.chance(0.1)) params.append("username", "owner");
  tricks.push(`auth form (${csrfToken !== null ? "valid CSRF" : "no/invalid CSRF"})`);
  return params.toString();
}

/** Any JSON-ish text: random values, hostile literals, deep nesting, many keys, long strings. */
export function genericJson(rng: Rng, tricks: string[], cap: number): string {
  const kind = rng.pick([
    "random",
    "literal",
    "deep array",
    "deep object",
    "wide",
    "long string",
    "malformed",
  ] as const);
  tricks.push(`json: ${kind}`);
  switch (kind) {
    case "random":
      return randomJson(rng, 4);
    case "literal":
      return rng.pick([...HOSTILE_JSON_VALUES, ...NUMBER_LITERALS]);
    case "deep array": {
      const n = Math.min(rng.int(500, 20_000), Math.floor(cap / 2) - 2);
      return "[".repeat(n) + "]".repeat(n);
    }
    case "deep object": {
      const n = Math.min(rng.int(200, 5_000), Math.floor(cap / 6) - 2);
      return '{"a":'.repeat(n) + "1" + "}".repeat(n);
    }
    case "wide": {
      const n = Math.min(rng.int(100, 3_000), Math.floor(cap / 12));
      return objectText(Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, String(i)])));
    }
    case "long string":
      return objectText({ amount: "100", authCode: json("1".repeat(Math.max(0, cap - rng.int(40, 2_000)))) });
    case "malformed":
      return rng.pick([
        "{",
        "}",
        "{amount: 1}",
        "{'amount':1}",
        '{"amount":1,}',
        '{"amount":1}{"amount":2}',
        '{"a":1 /* c */}',
        "\ufeff{}",
        '{"a":"\\x41"}',
        '{"a":"\\ud800"}',
        '{"a":"\u0000"}',
        "[1,2",
        "nul",
        "\u0000",
        "",
      ]);
  }
}

function randomJson(rng: Rng, depth: number): string {
  const r = rng.next();
  if (depth <= 0 || r < 0.4) {
    return rng.pick([
      rng.pick(NUMBER_LITERALS.filter((n) => !/^(NaN|[-+]?Infinity|0x10|1_000|01|\+1|\.5|1\.|1e|--1)$/.test(n))),
      json(rng.pick(HOSTILE_STRINGS)),
      "null",
      "true",
      "false",
    ]);
  }
  if (r < 0.7) return `[${Array.from({ length: rng.int(0, 4) }, () => randomJson(rng, depth - 1)).join(",")}]`;
  const keys = [
    "amount",
    "authCode",
    "outTradeNo",
    "currency",
    "payType",
    "action",
    "role",
    "username",
    "__proto__",
    "constructor",
    rng.pick(HOSTILE_STRINGS),
  ];
  return objectText(
    Object.fromEntries(Array.from({ length: rng.int(0, 5) }, () => [rng.pick(keys), randomJson(rng, depth - 1)])),
  );
}

/** The JSON text as bytes, sometimes mis-encoded (UTF-16, invalid UTF-8, a NUL, a BOM). */
export function encodeText(rng: Rng, text: string, tricks: string[]): Buffer {
  if (!rng.chance(0.2)) return Buffer.from(text, "utf8");
  const kind = rng.pick(["utf16le", "invalid utf8", "nul", "bom", "latin1"] as const);
  tricks.push(`encoding: ${kind}`);
  switch (kind) {
    case "utf16le":
      return Buffer.from(text, "utf16le");
    case "invalid utf8": {
      const b = Buffer.from(text, "utf8");
      const at = rng.int(0, b.length);
      return Buffer.concat([
        b.subarray(0, at),
        Buffer.from([rng.pick([0xc0, 0xff, 0xed, 0xf8, 0x80])]),
        b.subarray(at),
      ]);
    }
    case "nul":
      return Buffer.concat([Buffer.from(text, "utf8"), Buffer.from([0])]);
    case "bom":
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]);
    case "latin1":
      return Buffer.from(`${text}\u00e9\u00ff`, "latin1");
  }
}

/** 10 MB of JSON-ish zeros in about 10 KB of gzip: a server that inflated request bodies would feel it. */
let gzipBomb: Buffer | undefined;

/** Binary and form-shaped bodies. */
export function otherBody(rng: Rng, tricks: string[]): Body {
  const kind = rng.pick(["form", "multipart", "multipart no boundary", "binary", "text", "xml", "gzip bomb"] as const);
  tricks.push(`body: ${kind}`);
  switch (kind) {
    case "form":
      return {
        contentType: "application/x-www-form-urlencoded",
        bytes: Buffer.from(
          rng.pick(["amount=1&authCode=123", "a[b][c]=1", "%ZZ=1", "amount=1e309&amount=2", "=&=&", "__proto__[x]=1"]),
        ),
        tricks,
      };
    case "multipart":
      return {
        contentType: "multipart/form-data; boundary=XYZ",
        bytes: Buffer.from(
          '--XYZ\r\nContent-Disposition: form-data; name="amount"\r\n\r\n1\r\n--XYZ\r\nContent-Disposition: form-data; name="f"; filename="../../x"\r\n\r\nAAAA\r\n--XY',
        ),
        tricks,
      };
    case "multipart no boundary":
      return { contentType: "multipart/form-data", bytes: Buffer.from("--\r\n\r\n"), tricks };
    case "binary":
      return {
        contentType: rng.pick(["application/octet-stream", "application/json", "image/png"]),
        bytes: Buffer.from(Array.from({ length: rng.int(1, 4_000) }, () => rng.int(0, 255))),
        tricks,
      };
    case "text":
      return { contentType: "text/plain", bytes: Buffer.from(rng.pick(HOSTILE_STRINGS)), tricks };
    case "gzip bomb":
      gzipBomb ??= gzipSync(
        Buffer.concat([Buffer.from('{"pad":"'), Buffer.alloc(10 * 1024 * 1024, 48), Buffer.from('"}')]),
      );
      return { contentType: "application/json", encoding: "gzip", bytes: gzipBomb, tricks };
    case "xml":
      return {
        contentType: "application/xml",
        bytes: Buffer.from('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>'),
        tricks,
      };
  }
}

/** A body over a route's byte cap (lib/http/read-json-body.ts 16 KB, notify 64 KB, auth 8 KB). */
export function oversizeBody(rng: Rng, cap: number, tricks: string[]): Buffer {
  const size = rng.pick([cap + 1, cap + rng.int(2, 4_096), cap * 4, 1024 * 1024]);
  tricks.push(`${size} bytes (cap ${cap})`);
  const pad = Math.max(0, size - 20);
  return Buffer.from(`{"amount":1,"pad":"${"x".repeat(pad)}"}`.slice(0, size));
}
