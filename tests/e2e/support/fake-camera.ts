/**
 * The real fake-camera path (docs/scanning-findings.md §6): a frame showing the customer's code becomes a
 * Y4M video that Chromium plays as its camera, so the app's own scanner reads it.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { pngToY4m } from "../../support/camera-video";
import { renderWalletFramePng, type WalletFrameOptions } from "../../support/frames";
import { CHROMIUM_ARGS, CHROMIUM_PATH, E2E } from "./e2e-settings";

/** Writes the frame as the fake camera's video (tests/support/camera-video.ts). */
export function cameraVideoFor(name: string, options: WalletFrameOptions): string {
  mkdirSync(E2E.framesDir, { recursive: true });
  const png = path.join(E2E.framesDir, `${name}.png`);
  const y4m = path.join(E2E.framesDir, `${name}.y4m`);
  writeFileSync(png, renderWalletFramePng(options));
  return pngToY4m(png, y4m);
}

export type CameraSession = { browser: Browser; context: BrowserContext; page: Page; close(): Promise<void> };

type CameraSessionOptions = {
  serviceWorkers?: "allow" | "block";
  /** Default 1024×768, a landscape tablet at the counter. */
  viewport?: { width: number; height: number };
};

/** A Chromium whose only camera plays `video` (or no camera at all when video is null). */
export async function openWithCamera(video: string | null, options: CameraSessionOptions = {}): Promise<CameraSession> {
  const args = [...CHROMIUM_ARGS, "--use-fake-ui-for-media-stream"];
  if (video) args.push("--use-fake-device-for-media-stream", `--use-file-for-fake-video-capture=${video}`);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args });
  // No service worker here, as in every spec but pwa.spec.ts (see playwright.config.ts): its install
  // would compete for the CPU with the camera and the scanner's timing right after sign-in.
  // (The installed-app test allows it: that is where the scanner must work every day.)
  const context = await browser.newContext({
    baseURL: E2E.appUrl,
    viewport: options.viewport ?? { width: 1024, height: 768 },
    serviceWorkers: options.serviceWorkers ?? "block",
  });
  const page = await context.newPage();
  return { browser, context, page, close: () => browser.close() };
}
