/**
 * Server-render smoke test of the scan components (no DOM library in this repo): they render in
 * both languages with the test ids and states the e2e tests rely on, and every key they use exists.
 */
import { createElement, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { I18nProvider } from "@/components/i18n/i18n-provider";
import { CameraScanner } from "@/components/scan/camera-scanner";
import { ManualCodeEntry } from "@/components/scan/manual-code-entry";
import { ScanPanel } from "@/components/scan/scan-panel";
import type { Locale } from "@/lib/i18n/locales";
import { ALPHANUMERIC_CODE_RULES } from "@/lib/scan/payment-code";
import { scan } from "@/lib/i18n/catalog/scan";

function render(element: ReactElement, locale: Locale = "en"): string {
  return renderToStaticMarkup(createElement(I18nProvider, { initialLocale: locale, children: element })).replaceAll(
    "&#x27;",
    "'",
  );
}

describe("scan components (server render)", () => {
  it("ScanPanel shows the camera first, the wedge hint and the typing toggle", () => {
    const html = render(createElement(ScanPanel, { onCode: () => {} }));
    expect(html).toContain('data-testid="scan-panel"');
    expect(html.indexOf('data-testid="camera-scanner"')).toBeLessThan(html.indexOf('data-testid="wedge-hint"'));
    expect(html).toContain('data-state="starting"');
    expect(html).toContain('data-testid="manual-code-toggle"');
    expect(html).toContain(scan.en.wedgeReady);
    expect(html).not.toContain("scan.");
  });

  it("ScanPanel disabled: camera stopped, no wedge hint", () => {
    const html = render(createElement(ScanPanel, { onCode: () => {}, disabled: true }));
    expect(html).toContain('data-state="stopped"');
    expect(html).not.toContain('data-testid="wedge-hint"');
  });

  it("renders in Traditional Chinese", () => {
    const html = render(createElement(ScanPanel, { onCode: () => {} }), "zh-HK");
    expect(html).toContain(scan["zh-HK"].wedgeReady);
    expect(html).toContain(scan["zh-HK"].cameraStarting);
  });

  it("CameraScanner inactive is stopped", () => {
    const html = render(createElement(CameraScanner, { onCode: () => {}, active: false }));
    expect(html).toContain('data-testid="camera-scanner"');
    expect(html).toContain('data-state="stopped"');
  });

  it("the camera uses the engine it is given (SCAN_ENGINE), zxing-wasm by default", () => {
    expect(render(createElement(ScanPanel, { onCode: () => {} }))).toContain('data-engine="wasm"');
    expect(render(createElement(ScanPanel, { onCode: () => {}, engine: "zxing-js" }))).toContain(
      'data-engine="zxing-js"',
    );
  });

  it("ManualCodeEntry under the alphanumeric rules asks for letters or digits", () => {
    const input =
      render(createElement(ManualCodeEntry, { onCode: () => {}, rules: ALPHANUMERIC_CODE_RULES })).match(
        /<input[^>]*>/,
      )?.[0] ?? "";
    expect(input).toContain('inputMode="text"');
    expect(input).toContain('placeholder="10–128 letters or digits"');
  });

  it("ManualCodeEntry has a numeric, wedge-friendly field and a submit button", () => {
    const html = render(createElement(ManualCodeEntry, { onCode: () => {} }));
    expect(html).toMatch(/<input[^>]*data-testid="manual-code-input"[^>]*>/);
    const input = html.match(/<input[^>]*>/)?.[0] ?? "";
    expect(input).toContain('inputMode="numeric"');
    expect(input).toContain("data-wedge-ok");
    expect(input).toContain('placeholder="16–24 digits"');
    expect(html).toContain('data-testid="manual-code-submit"');
  });
});

describe("scan catalog", () => {
  it("has every English key in zh-HK, none empty", () => {
    expect(Object.keys(scan["zh-HK"]).sort()).toEqual(Object.keys(scan.en).sort());
    for (const text of [...Object.values(scan.en), ...Object.values(scan["zh-HK"])]) expect(text.trim()).not.toBe("");
  });
});
