/**
 * The scanner's settings (SCAN_ENGINE, SCAN_CODE_FORMAT), the self-hosted wasm binary, and the
 * timing the benchmark reads from the sale screen.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ZXING_WASM_SHA256 } from "zxing-wasm/reader";
import { typedCodeProblemMessage } from "@/components/scan/scan-messages";
import { amountBeforeBurst } from "@/components/scan/use-keypad-wedge";
import { parseEnv } from "@/lib/env-schema";
import {
  ALPHANUMERIC_CODE_RULES,
  checkPaymentCode,
  rulesForCodeFormat,
  WALLET_CODE_RULES,
} from "@/lib/scan/payment-code";
import { isScanEngineName, SCANNER_WASM_PATH } from "@/lib/scan/scan-settings";
import { createScanTiming, median, type ScanTimingSnapshot, type TimingSink } from "@/lib/scan/scan-timing";

const root = path.join(import.meta.dirname, "..", "..", "..");

describe("SCAN_ENGINE and SCAN_CODE_FORMAT", () => {
  it("default to the wasm engine and 16–24 digit codes", () => {
    const env = parseEnv({});
    expect(env.SCAN_ENGINE).toBe("wasm");
    expect(env.SCAN_CODE_FORMAT).toBe("digits");
    expect(parseEnv({ SCAN_ENGINE: "", SCAN_CODE_FORMAT: " " })).toMatchObject({
      SCAN_ENGINE: "wasm",
      SCAN_CODE_FORMAT: "digits",
    });
  });

  it("take the other values", () => {
    expect(parseEnv({ SCAN_ENGINE: "zxing-js", SCAN_CODE_FORMAT: "alphanumeric" })).toMatchObject({
      SCAN_ENGINE: "zxing-js",
      SCAN_CODE_FORMAT: "alphanumeric",
    });
  });

  it("refuse anything else, naming the variable", () => {
    expect(() => parseEnv({ SCAN_ENGINE: "barcode-detector" })).toThrow(/SCAN_ENGINE/);
    expect(() => parseEnv({ SCAN_CODE_FORMAT: "letters" })).toThrow(/SCAN_CODE_FORMAT/);
  });

  it("isScanEngineName guards the demo-mode ?scanEngine= override", () => {
    expect(isScanEngineName("wasm")).toBe(true);
    expect(isScanEngineName("zxing-js")).toBe(true);
    expect(isScanEngineName("zxing")).toBe(false);
    expect(isScanEngineName(["wasm"])).toBe(false);
    expect(isScanEngineName(undefined)).toBe(false);
  });
});

describe("code rules per SCAN_CODE_FORMAT", () => {
  it("digits: 16–24 digits only", () => {
    const rules = rulesForCodeFormat("digits");
    expect(rules).toBe(WALLET_CODE_RULES);
    expect(checkPaymentCode("134857901234588557", rules).ok).toBe(true);
    expect(checkPaymentCode("APTH7309962819735668", rules)).toEqual({ ok: false, reason: "not_digits" });
  });

  it("alphanumeric: letters and digits, 10–128 (what POST /api/payments accepts)", () => {
    const rules = rulesForCodeFormat("alphanumeric");
    expect(rules).toBe(ALPHANUMERIC_CODE_RULES);
    expect(checkPaymentCode("APTH7309962819735668", rules).ok).toBe(true);
    expect(checkPaymentCode("134857901234588557", rules).ok).toBe(true);
    expect(checkPaymentCode("A".repeat(128), rules).ok).toBe(true);
    expect(checkPaymentCode("A".repeat(129), rules)).toEqual({ ok: false, reason: "too_long" });
    expect(checkPaymentCode("ABCDE12345", rules).ok).toBe(true);
    expect(checkPaymentCode("ABCD12345", rules)).toEqual({ ok: false, reason: "too_short" });
    // A product barcode is refused under either rule set.
    expect(checkPaymentCode("4006381333931", rules)).toEqual({ ok: false, reason: "product_barcode" });
  });

  it("the messages speak of letters and digits under the alphanumeric rules", () => {
    expect(typedCodeProblemMessage("not_digits", WALLET_CODE_RULES).key).toBe("scan.problemNotDigits");
    expect(typedCodeProblemMessage("not_digits", ALPHANUMERIC_CODE_RULES).key).toBe("scan.problemNotAlphanumeric");
    expect(typedCodeProblemMessage("too_short", ALPHANUMERIC_CODE_RULES)).toEqual({
      key: "scan.problemTooShortAlphanumeric",
      params: { min: 10, max: 128 },
    });
    expect(typedCodeProblemMessage("too_long", WALLET_CODE_RULES)).toEqual({
      key: "scan.problemTooLong",
      params: { min: 16, max: 24 },
    });
  });
});

describe("the self-hosted reader binary", () => {
  it("is public/scanner/zxing_reader.wasm, byte for byte the installed zxing-wasm's (npm install copies it)", () => {
    expect(SCANNER_WASM_PATH).toBe("/scanner/zxing_reader.wasm");
    const bytes = readFileSync(path.join(root, "public", SCANNER_WASM_PATH));
    expect(createHash("sha256").update(bytes).digest("hex")).toBe(ZXING_WASM_SHA256);
  });

  // That the worker fetches it from the URL it is given, never a CDN: scan-wasm-worker.test.ts.
});

describe("keypad wedge: the amount before the scanner's burst", () => {
  const log = [
    { at: 1_000, before: 0 },
    { at: 1_300, before: 1 },
    { at: 1_600, before: 12 },
    { at: 5_004, before: 125 }, // the burst's first key, applied before the others were undone
    { at: 5_012, before: 1251 },
  ];

  it("is the amount before the first key at or after the burst's start", () => {
    expect(amountBeforeBurst(log, 5_000, 125)).toBe(125);
    expect(amountBeforeBurst(log, 5_004, 1251)).toBe(125);
  });

  it("is the current amount when no key of the burst was applied", () => {
    expect(amountBeforeBurst(log, 9_000, 125)).toBe(125);
    expect(amountBeforeBurst([], 9_000, 0)).toBe(0);
  });
});

describe("scan timing (window.__scantillScan and the scan:* marks)", () => {
  function recorder() {
    let clock = 1_000;
    const calls: string[] = [];
    let published: ScanTimingSnapshot | undefined;
    const sink: TimingSink = {
      mark: (name) => calls.push(`mark ${name}`),
      measure: (name, start, end) => calls.push(`measure ${name} ${start} ${end}`),
      clear: () => calls.push("clear"),
      publish: (snapshot) => {
        published = snapshot;
      },
    };
    const timing = createScanTiming("wasm", sink, () => clock);
    return { timing, calls, snapshot: () => published, advance: (ms: number) => (clock += ms) };
  }

  it("clears the last session's marks, then marks start, first frame and first decode", () => {
    const r = recorder();
    expect(r.snapshot()).toMatchObject({
      engine: "wasm",
      state: "starting",
      startedAt: 1_000,
      attempts: 0,
      firstDecodeMs: null,
    });
    r.advance(300);
    r.timing.cameraReady(1280, 720);
    r.advance(20);
    r.timing.firstFrame();
    r.advance(100);
    r.timing.firstFrame(); // only the first counts
    r.timing.frame({ grabMs: 4, decodeMs: 6, full: false }, false);
    r.advance(100);
    r.timing.frame({ grabMs: 2, decodeMs: 12, full: true }, true);
    r.advance(100);
    r.timing.frame({ grabMs: 3, decodeMs: 3, full: false }, true); // a second decode is not timed again
    r.timing.end("stopped");
    expect(r.calls).toEqual([
      "clear",
      "mark scan:start",
      "mark scan:first-frame",
      "mark scan:decoded",
      "measure scan:first-decode scan:first-frame scan:decoded",
    ]);
    expect(r.snapshot()).toMatchObject({
      state: "decoded",
      cameraReadyAt: 1_300,
      firstFrameAt: 1_320,
      decodedAt: 1_520,
      firstDecodeMs: 200,
      attempts: 3,
      fullAttempts: 1,
      decodeMsMedian: 6,
      grabMsMedian: 3,
      frameWidth: 1280,
      frameHeight: 720,
    });
  });

  it("records a session that ended without a code, and the engine actually used", () => {
    const r = recorder();
    r.timing.engine("zxing-js");
    r.timing.end("error");
    expect(r.snapshot()).toMatchObject({
      engine: "zxing-js",
      requestedEngine: "wasm",
      state: "error",
      decodedAt: null,
    });
  });

  it("numbers each session; an older session that ends late leaves the newer one's numbers alone", () => {
    const older = recorder();
    const first = older.snapshot()?.session ?? 0;
    const newer = recorder();
    expect(newer.snapshot()?.session).toBe(first + 1);
    older.timing.firstFrame();
    older.timing.frame({ grabMs: 1, decodeMs: 1, full: false }, true);
    older.timing.end("stopped");
    expect(older.calls).toEqual(["clear", "mark scan:start"]);
    expect(older.snapshot()).toMatchObject({ session: first, state: "starting" });
  });

  it("median", () => {
    expect(median([])).toBeNull();
    expect(median([5])).toBe(5);
    expect(median([9, 1, 5])).toBe(5);
    expect(median([1, 2, 3, 10])).toBe(2.5);
  });
});
