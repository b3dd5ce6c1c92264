/**
 * The synthetic camera frames (tests/support/frames.ts) that the decoder tests and the e2e fake
 * camera use: each variant still decodes, and the PNG is what ffmpeg needs.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createCanvas, loadImage } from "@napi-rs/canvas";
import { NotFoundException } from "@zxing/library";
import { describe, expect, it } from "vitest";
import {
  decodeFrame,
  framePng,
  renderFrame,
  renderWalletFramePng,
  SAMPLE_CODES,
  writeFramePng,
} from "@/tests/support/frames";

async function pngFrame(png: Buffer) {
  const image = await loadImage(png);
  const ctx = createCanvas(image.width, image.height).getContext("2d");
  ctx.drawImage(image, 0, 0);
  return { rgba: ctx.getImageData(0, 0, image.width, image.height).data, width: image.width, height: image.height };
}

describe("synthetic wallet frames", () => {
  it.each([
    ["QR on a dark counter", { symbol: "qrcode" as const }],
    ["QR, tilted 8°", { symbol: "qrcode" as const, rotationDeg: 8 }],
    ["QR, low contrast", { symbol: "qrcode" as const, contrast: { dark: 70, light: 180 }, noise: 2 }],
    ["Code 128 + QR as wallets show them", { symbol: "both" as const, blur: 1, noise: 3, rotationDeg: -4 }],
    ["Code 128 shifted off-centre", { symbol: "code128" as const, offsetX: 0.12, barcodeWidth: 0.55 }],
    ["Code 128 at 640×480", { symbol: "code128" as const, width: 640, height: 480, barcodeWidth: 0.7 }],
  ])("%s decodes", (_name, options) => {
    const frame = renderFrame({ ...options, text: SAMPLE_CODES.unionpay, seed: 11 });
    expect(decodeFrame(frame)).toBe(SAMPLE_CODES.unionpay);
  });

  it("a frame with no code decodes to nothing", () => {
    expect(() => decodeFrame(renderFrame({ symbol: "none", noise: 3 }))).toThrow(NotFoundException);
  });

  it("is deterministic for a seed", () => {
    const options = { symbol: "both", text: SAMPLE_CODES.alipay, noise: 4, seed: 5 } as const;
    expect(Buffer.from(renderFrame(options).rgba).equals(Buffer.from(renderFrame(options).rgba))).toBe(true);
  });

  it("writes a 1280×720 PNG that decodes to the same code", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "scantill-frames-")), "frame.png");
    writeFramePng(renderFrame({ symbol: "code128", text: SAMPLE_CODES.wechat }), path);
    const frame = await pngFrame(readFileSync(path));
    expect([frame.width, frame.height]).toEqual([1280, 720]);
    expect(decodeFrame(frame)).toBe(SAMPLE_CODES.wechat);
  });

  it.each([
    { code: SAMPLE_CODES.unionpay, format: "code128", darkBorder: true },
    { code: SAMPLE_CODES.wechat, format: "qrcode" },
    { code: SAMPLE_CODES.alipayLong, format: "both", darkBorder: true },
  ] as const)("the e2e fake-camera PNG for %o decodes", async (options) => {
    const png = renderWalletFramePng(options);
    expect(
      png.equals(
        framePng(
          renderFrame({
            symbol: options.format,
            text: options.code,
            surroundings: "darkBorder" in options ? "dark" : "white",
          }),
        ),
      ),
    ).toBe(true);
    expect(decodeFrame(await pngFrame(png))).toBe(options.code);
  });
});
