/**
 * The patch in `patches/@zxing+library+0.23.0.patch` (docs/scanning-findings.md §3.1, §3.2): patched @zxing/library
 * reads a wallet's Code 128 with a dark bezel left of it; the stock Code128Reader, rebuilt from the
 * installed file by reverse-applying the patch, cannot.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { compileFunction } from "node:vm";
import { Code128Reader, NotFoundException, type BitArray } from "@zxing/library";
import { afterEach, describe, expect, it, vi } from "vitest";
import { decodeFrame as decode, renderFrame, SAMPLE_CODES, type Frame } from "@/tests/support/frames";

const PATCH_FILE = join(process.cwd(), "patches", "@zxing+library+0.23.0.patch");
const LIBRARY_DIR = dirname(dirname(createRequire(import.meta.url).resolve("@zxing/library")));
const VARIANTS = ["cjs", "esm", "es2015", "esnext"] as const;

type FindStartPattern = (row: BitArray) => Int32Array;
const code128Statics = Code128Reader as unknown as { findStartPattern: FindStartPattern };
const patchedFindStartPattern = code128Statics.findStartPattern;

/** Reverse-applies the patch's hunks for one file to the installed (patched) text. */
function unpatch(relativePath: string, patched: string): string {
  const patch = readFileSync(PATCH_FILE, "utf8");
  const section = patch
    .split(/^diff --git /m)
    .find((s) => s.startsWith(`a/node_modules/@zxing/library/${relativePath} `));
  if (!section) throw new Error(`the patch has no hunk for ${relativePath}`);
  let text = patched;
  for (const hunk of section.split(/^@@[^\n]*\n/m).slice(1)) {
    const lines = hunk.split("\n").filter((line) => /^[ +-]/.test(line));
    const before = lines
      .filter((l) => !l.startsWith("+"))
      .map((l) => l.slice(1))
      .join("\n");
    const after = lines
      .filter((l) => !l.startsWith("-"))
      .map((l) => l.slice(1))
      .join("\n");
    if (text.split(after).length !== 2) throw new Error(`hunk not found exactly once in installed ${relativePath}`);
    text = text.replace(after, before);
  }
  return text;
}

/** The Code128Reader class exactly as @zxing/library 0.23.0 ships it, loaded beside the real one. */
function loadStockCode128Reader(): { findStartPattern: FindStartPattern } {
  const file = join(LIBRARY_DIR, "cjs", "core", "oned", "Code128Reader.js");
  const source = unpatch("cjs/core/oned/Code128Reader.js", readFileSync(file, "utf8"));
  expect(source).toContain("counters = counters.slice(2, counters.length);");
  const cjsModule = { exports: {} as { default?: { findStartPattern: FindStartPattern } } };
  compileFunction(source, ["exports", "require", "module", "__filename", "__dirname"], { filename: file })(
    cjsModule.exports,
    createRequire(file),
    cjsModule,
    file,
    dirname(file),
  );
  if (!cjsModule.exports.default) throw new Error("stock Code128Reader did not load");
  return cjsModule.exports.default;
}

function walletFrame(): Frame {
  return renderFrame({
    symbol: "code128",
    text: SAMPLE_CODES.wechat,
    surroundings: "dark",
    blur: 0.8,
    noise: 2,
    seed: 7,
  });
}

describe("@zxing/library Code 128 patch", () => {
  afterEach(() => {
    code128Statics.findStartPattern = patchedFindStartPattern;
    vi.restoreAllMocks();
  });

  it("reads an 18-digit Code 128 next to a dark bezel at 1280×720", () => {
    const frame = walletFrame();
    expect(frame.width).toBe(1280);
    expect(frame.height).toBe(720);
    expect(decode(frame)).toBe(SAMPLE_CODES.wechat);
  });

  it("fails on the same frame with the stock findStartPattern", () => {
    const frame = walletFrame();
    code128Statics.findStartPattern = loadStockCode128Reader().findStartPattern;
    expect(() => decode(frame)).toThrow(NotFoundException);
  });

  it("the stock reader still reads a barcode with nothing dark around it (the test isolates the bug)", () => {
    const frame = renderFrame({
      symbol: "code128",
      text: SAMPLE_CODES.wechat,
      surroundings: "white",
      blur: 0.8,
      noise: 2,
      seed: 7,
    });
    code128Statics.findStartPattern = loadStockCode128Reader().findStartPattern;
    expect(decode(frame)).toBe(SAMPLE_CODES.wechat);
  });

  it("reads the other wallet formats and tilted, blurred frames", () => {
    for (const [text, rotationDeg, blur] of [
      [SAMPLE_CODES.alipay, 3, 1.2],
      [SAMPLE_CODES.unionpay, -4, 1],
      [SAMPLE_CODES.alipayLong, 0, 0.6],
    ] as const) {
      const frame = renderFrame({ symbol: "code128", text, barcodeWidth: 0.55, rotationDeg, blur, noise: 2, seed: 3 });
      expect(decode(frame)).toBe(text);
    }
  });

  it("does not console.warn on every miss (zxing-js/library#648)", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const empty = renderFrame({ symbol: "none", noise: 2 });
    expect(() => decode(empty)).toThrow(NotFoundException);
    expect(warn).not.toHaveBeenCalled();
  });

  it.each(VARIANTS)("is applied to the %s build", (variant) => {
    const reader = readFileSync(join(LIBRARY_DIR, variant, "core", "oned", "Code128Reader.js"), "utf8");
    expect(reader).toContain("counters.copyWithin(0, 2, 2 + counterPosition - 1);");
    expect(reader).not.toContain("counters = counters.slice(2, counters.length);");
    const multi = readFileSync(join(LIBRARY_DIR, variant, "core", "MultiFormatReader.js"), "utf8");
    expect(multi).not.toContain("console.warn('MultiFormatReader: non-ReaderException");
  });

  it("is applied to the umd build", () => {
    const umd = readFileSync(join(LIBRARY_DIR, "umd", "index.js"), "utf8");
    expect(umd).not.toContain("counters = counters.slice(2, counters.length);");
    expect(umd).not.toContain("console.warn('MultiFormatReader: non-ReaderException");
  });
});
