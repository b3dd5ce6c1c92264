"use client";
/**
 * Live camera preview that reads the customer's wallet code (QR or Code 128) and hands over the
 * first valid payment code; with `mode="product"` it reads product barcodes instead and hands over
 * the first one, normalised (`normaliseProductBarcode`; docs/glossary.md, "read mode"). `data-state` on the root is for the e2e tests: "starting" | "scanning"
 * | "error" | "stopped"; with "error", `data-error` holds the `CameraProblem`; `data-engine` is the
 * decoder asked for (what actually read is in `window.__scantillScan`, `lib/scan/scan-timing.ts`).
 */
import { useEffect, useRef, useState } from "react";
import { useT } from "@/components/i18n/i18n-provider";
import { classifyCameraError, type CameraProblem } from "@/lib/scan/camera-errors";
import { listCameras, type CameraDevice } from "@/lib/scan/camera-track";
import { engineLoader, startCameraDecoder, type CameraDecoderHandle } from "@/lib/scan/decoder";
import { checkPaymentCode, WALLET_CODE_RULES, type PaymentCodeRules } from "@/lib/scan/payment-code";
import { classifyScannedCode } from "@/lib/scan/scanned-code";
import { primeReadFeedback, signalGoodRead } from "@/lib/scan/read-feedback";
import { DEFAULT_SCAN_ENGINE, type ScanEngineName } from "@/lib/scan/scan-settings";
import type { ReadMode } from "@/lib/scan/wasm-reader-options";
import { scannedCodeProblemMessage, type Message } from "./read-messages";
import { CAMERA_PROBLEM_MESSAGE } from "./scan-messages";
import "@/lib/i18n/catalog/scan";

type CameraScannerState = "starting" | "scanning" | "error" | "stopped";

type CameraScannerProps = {
  /**
   * A valid payment code (or, in product mode, a product barcode) was read. The camera then stops,
   * with a beep. Return false to refuse the code (e.g. a duplicate): no beep, and scanning goes on.
   */
  onCode(code: string): boolean | void;
  /**
   * Default "payment": wallet codes, by the payment step's read plan. "product": EAN-13, EAN-8,
   * UPC-A, UPC-E and Code 128, for the cart; a wallet code read then is refused with a notice.
   */
  mode?: ReadMode;
  /** Default true. False releases the camera; turning it back on starts a fresh scan. */
  active?: boolean;
  rules?: PaymentCodeRules;
  /** The decoder (`SCAN_ENGINE`); default zxing-wasm in a worker. */
  engine?: ScanEngineName;
  className?: string;
};

type Phase = { session: string } & ({ kind: "scanning" } | { kind: "error"; problem: CameraProblem });
type Torch = { session: string; set: (on: boolean) => Promise<void>; on: boolean };

const NOTICE_MS = 4000;
/** Retrying cannot help until the page is served differently or the browser changes. */
const FINAL_PROBLEMS: ReadonlySet<CameraProblem> = new Set(["insecure_context", "unsupported"]);

type ReadVerdict = { ok: true; code: string } | { ok: false; notice: Message };

/** The payment step: a wallet code, or the notice the payment path has always shown. */
function paymentOfRead(text: string, rules: PaymentCodeRules): ReadVerdict {
  const check = checkPaymentCode(text, rules);
  return check.ok ? { ok: true, code: check.code } : { ok: false, notice: scannedCodeProblemMessage(check.reason) };
}

/** Product mode: the product barcode; a wallet code waits for the payment step. */
export function productOfRead(text: string, rules: PaymentCodeRules): ReadVerdict {
  const scanned = classifyScannedCode(text, rules);
  if (scanned.kind === "product") return { ok: true, code: scanned.product.code };
  if (scanned.kind === "payment") return { ok: false, notice: { key: "scan.readPaymentCodeOnSale" } };
  return { ok: false, notice: { key: "scan.readNotProductCode" } };
}

export function CameraScanner({
  onCode,
  mode = "payment",
  active = true,
  rules = WALLET_CODE_RULES,
  engine = DEFAULT_SCAN_ENGINE,
  className = "",
}: CameraScannerProps) {
  const t = useT();
  const videoRef = useRef<HTMLVideoElement>(null);
  const [run, setRun] = useState(0);
  const [readDone, setReadDone] = useState(false);
  const [deviceId, setDeviceId] = useState<string | undefined>(undefined);
  const [liveDeviceId, setLiveDeviceId] = useState<string | undefined>(undefined);
  const [devices, setDevices] = useState<CameraDevice[]>([]);
  const [phase, setPhase] = useState<Phase | null>(null);
  const [torch, setTorch] = useState<Torch | null>(null);
  const [notice, setNotice] = useState<Message | null>(null);

  const [wasActive, setWasActive] = useState(active);
  if (active !== wasActive) {
    setWasActive(active);
    if (active) {
      setReadDone(false);
      setRun((n) => n + 1);
    }
  }

  const running = active && !readDone;
  // Each session gets a fresh <video> (keyed below) so a late stop of the last one cannot touch it.
  const session = `${run}:${engine}:${mode}:${deviceId ?? ""}`;
  const state: CameraScannerState = !running ? "stopped" : phase?.session === session ? phase.kind : "starting";
  const problem = phase?.session === session && phase.kind === "error" ? phase.problem : null;

  const takeReadRef = useRef<(text: string) => boolean>(() => false);
  useEffect(() => {
    takeReadRef.current = (text) => {
      const code = mode === "product" ? productOfRead(text, rules) : paymentOfRead(text, rules);
      if (!code.ok) {
        setNotice(code.notice);
        return false;
      }
      if (onCode(code.code) === false) return false;
      signalGoodRead();
      setNotice(null);
      setReadDone(true);
      return true;
    };
  }, [onCode, rules, mode]);

  useEffect(() => {
    const video = videoRef.current;
    if (!running || !video) return;
    let handle: CameraDecoderHandle | null = null;
    handle = startCameraDecoder(
      video,
      { ...(deviceId && { deviceId }), mode },
      {
        onStarted: (camera) => {
          setPhase({ session, kind: "scanning" });
          setTorch(camera.setTorch ? { session, set: camera.setTorch, on: false } : null);
          setLiveDeviceId(camera.track?.getSettings().deviceId);
          listCameras().then(setDevices, () => undefined);
        },
        onResult: (text) => {
          // Stop at once, not on the next render: the loop would read the same code again.
          if (takeReadRef.current(text)) handle?.stop();
        },
        onError: (error) => setPhase({ session, kind: "error", problem: classifyCameraError(error) }),
      },
      engineLoader(engine),
    );
    return () => handle?.stop();
  }, [running, session, deviceId, engine, mode]);

  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(null), NOTICE_MS);
    return () => clearTimeout(timer);
  }, [notice]);

  const restart = () => {
    primeReadFeedback();
    setReadDone(false);
    setNotice(null);
    setRun((n) => n + 1);
  };

  const toggleTorch = () => {
    if (!torch) return;
    const next = !torch.on;
    torch.set(next).then(
      () => setTorch((current) => (current === torch ? { ...torch, on: next } : current)),
      () => setTorch(null),
    );
  };

  const liveTorch = state === "scanning" && torch?.session === session ? torch : null;
  const pickedDeviceId = deviceId ?? liveDeviceId ?? "";

  return (
    <section
      data-testid="camera-scanner"
      data-state={state}
      data-engine={engine}
      data-error={problem ?? undefined}
      aria-label={t("scan.cameraRegion")}
      className={`flex flex-col gap-3 short:gap-2 ${className}`}
      onPointerDown={primeReadFeedback}
    >
      {/*
        Sized to the screen (docs/phone-layout.md §3): below md it takes the height the rest of the
        step leaves (at least 9rem); from md, 4:3 up to what leaves the step's header and this status
        line in view.
      */}
      <div className="relative w-full overflow-hidden rounded-2xl bg-ink max-md:min-h-36 max-md:flex-[1_1_0px] md:aspect-[4/3] md:max-h-[min(65vh,calc(100dvh-26rem))]">
        <video
          key={session}
          ref={videoRef}
          data-testid="camera-video"
          playsInline
          muted
          autoPlay
          className={`absolute inset-0 h-full w-full object-cover ${state === "scanning" ? "" : "opacity-0"}`}
        />
        {(state === "starting" || state === "scanning") && (
          <div aria-hidden className="pointer-events-none absolute inset-0 flex items-center justify-center">
            <div className="h-[58%] w-[82%] rounded-2xl border-4 border-white/90 shadow-[0_0_0_100vmax_rgba(15,23,42,0.4)]" />
          </div>
        )}
        {state !== "scanning" && (
          <div className="absolute inset-0 flex flex-col items-center justify-center gap-4 p-6 text-center text-white">
            {state === "starting" && <p className="text-lg">{t("scan.cameraStarting")}</p>}
            {state === "stopped" && <p className="text-lg text-white/80">{t("scan.cameraOff")}</p>}
            {problem && (
              <p role="alert" data-testid="camera-error" className="max-w-md text-lg font-medium">
                {t(CAMERA_PROBLEM_MESSAGE[problem])}
              </p>
            )}
            {problem && !FINAL_PROBLEMS.has(problem) && (
              <button
                type="button"
                data-testid="camera-retry"
                onClick={restart}
                className="min-h-touch rounded-xl bg-white px-6 text-lg font-semibold text-ink hover:bg-brand-light"
              >
                {t("scan.retryCamera")}
              </button>
            )}
            {state === "stopped" && active && readDone && (
              <button
                type="button"
                data-testid="camera-scan-again"
                onClick={restart}
                className="min-h-touch rounded-xl bg-white px-6 text-lg font-semibold text-ink hover:bg-brand-light"
              >
                {t("scan.scanAgain")}
              </button>
            )}
          </div>
        )}
        {liveTorch && (
          <button
            type="button"
            data-testid="camera-torch"
            aria-pressed={liveTorch.on}
            onClick={toggleTorch}
            className="absolute right-3 bottom-3 min-h-touch min-w-touch rounded-full bg-ink/70 px-4 text-base font-semibold text-white hover:bg-ink/90"
          >
            {t(liveTorch.on ? "scan.torchOff" : "scan.torchOn")}
          </button>
        )}
      </div>

      <p
        role="status"
        aria-live="polite"
        data-testid="camera-status"
        className="min-h-6 text-base sm:min-h-7 sm:text-lg"
      >
        {notice ? (
          <span data-testid="camera-notice" className="font-medium text-pending">
            {t(notice.key, notice.params)}
          </span>
        ) : (
          state === "scanning" && (
            <span className="text-ink-muted">
              {t(mode === "product" ? "scan.cameraScanningProduct" : "scan.cameraScanning")}
            </span>
          )
        )}
      </p>

      {devices.length > 1 && state !== "stopped" && (
        <label className="flex items-center gap-3 text-base text-ink">
          <span>{t("scan.cameraPicker")}</span>
          <select
            data-testid="camera-picker"
            value={pickedDeviceId}
            onChange={(event) => {
              setDeviceId(event.target.value || undefined);
              setNotice(null);
            }}
            className="min-h-touch flex-1 rounded-xl border-2 border-ink-muted/40 bg-white px-3 text-base"
          >
            {devices.map((device, index) => (
              <option key={device.deviceId} value={device.deviceId}>
                {device.label || t("scan.cameraUnnamed", { number: index + 1 })}
              </option>
            ))}
          </select>
        </label>
      )}
    </section>
  );
}
