"use client";
/**
 * Listens for a keyboard-wedge barcode scanner anywhere on the page, without a focused field.
 */
import { useEffect, useRef } from "react";
import { createWedgeDetector, type WedgeDetectorOptions } from "@/lib/scan/wedge-detector";

type UseWedgeScannerOptions = Partial<WedgeDetectorOptions> & {
  /** Default true. */
  enabled?: boolean;
};

/**
 * Calls `onScan(raw, startedAt)` when a scanner burst ends (the raw text, not yet validated;
 * `startedAt` is the `timeStamp` of the burst's first key). Keystrokes into a
 * text field are left alone unless the field is marked `data-wedge-ok` (our manual code entry), so
 * a scan never lands in, say, the amount field and a fast typist there never triggers a scan.
 */
export function useWedgeScanner(
  onScan: (raw: string, startedAt: number) => void,
  options: UseWedgeScannerOptions = {},
): void {
  const { enabled = true, maxGapMs, minLength, maxLength } = options;
  const onScanRef = useRef(onScan);
  useEffect(() => {
    onScanRef.current = onScan;
  }, [onScan]);

  useEffect(() => {
    if (!enabled) return;
    const listener = wedgeKeydownListener((raw, startedAt) => onScanRef.current(raw, startedAt), {
      ...(maxGapMs !== undefined && { maxGapMs }),
      ...(minLength !== undefined && { minLength }),
      ...(maxLength !== undefined && { maxLength }),
    });
    window.addEventListener("keydown", listener, { capture: true });
    return () => window.removeEventListener("keydown", listener, { capture: true });
  }, [enabled, maxGapMs, minLength, maxLength]);
}

type KeydownLike = Pick<
  KeyboardEvent,
  | "key"
  | "timeStamp"
  | "ctrlKey"
  | "altKey"
  | "metaKey"
  | "isComposing"
  | "repeat"
  | "preventDefault"
  | "stopPropagation"
>;

/** The window keydown listener behind `useWedgeScanner` (separate so it runs in unit tests). */
export function wedgeKeydownListener(
  onScan: (raw: string, startedAt: number) => void,
  options: Partial<WedgeDetectorOptions> = {},
  focused: () => Element | null = () => document.activeElement,
): (event: KeydownLike) => void {
  const detector = createWedgeDetector(options);
  return (event) => {
    if (event.isComposing || event.repeat || !acceptsWedgeInput(focused())) {
      detector.reset();
      return;
    }
    const verdict = detector.feed({
      key: event.key,
      time: event.timeStamp,
      withCommandModifier: event.ctrlKey || event.altKey || event.metaKey,
    });
    if (verdict.type !== "scan") return;
    // Without this the scanner's Enter would click a focused button or submit a form.
    event.preventDefault();
    event.stopPropagation();
    onScan(verdict.code, verdict.startedAt);
  };
}

const NON_TEXT_INPUT_TYPES = new Set([
  "button",
  "checkbox",
  "color",
  "file",
  "image",
  "radio",
  "range",
  "reset",
  "submit",
]);

function acceptsWedgeInput(element: Element | null): boolean {
  if (!element) return true;
  if (element.closest("[data-wedge-ok]")) return true;
  switch (element.tagName) {
    case "INPUT":
      return NON_TEXT_INPUT_TYPES.has((element as HTMLInputElement).type);
    case "TEXTAREA":
    case "SELECT":
      return false;
    default:
      return !(element as HTMLElement).isContentEditable;
  }
}
