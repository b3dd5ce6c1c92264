/**
 * Tells a keyboard-wedge barcode scanner from a person at the keyboard. A USB/Bluetooth scanner
 * "types" the code as a burst of keystrokes a few milliseconds apart and ends it with Enter (or
 * Tab); nobody types eight or more characters that fast. Pure state machine: feed it key events.
 */

export type WedgeDetectorOptions = {
  /** Longest pause between two keystrokes of one burst. Scanners: ≤ ~35 ms; Bluetooth jitters more. */
  maxGapMs: number;
  /** Shortest burst that counts as a scan. */
  minLength: number;
  /** A burst longer than this is not a scan (docs/qfpay.md §10: auth_code is at most 128 characters). */
  maxLength: number;
};

const DEFAULT_WEDGE_OPTIONS: WedgeDetectorOptions = { maxGapMs: 50, minLength: 8, maxLength: 128 };

export type WedgeKey = {
  /** `KeyboardEvent.key`. */
  key: string;
  /** Milliseconds; `KeyboardEvent.timeStamp` (when the key was pressed, not when JS ran). */
  time: number;
  /** Ctrl, Alt or Meta held: a shortcut, never part of a scan. */
  withCommandModifier?: boolean;
};

export type WedgeVerdict =
  /**
   * The terminator of a scanner burst: the caller should stop the Enter/Tab doing anything else.
   * `startedAt`: the time of the burst's first key (to undo what the burst's first keys did).
   */
  | { type: "scan"; code: string; startedAt: number }
  /** A printable key that may belong to a scanner burst. */
  | { type: "burst"; length: number }
  /** Not part of a scan (and any burst so far is dropped). */
  | { type: "none" };

export type WedgeDetector = {
  feed(event: WedgeKey): WedgeVerdict;
  reset(): void;
};

const MODIFIER_KEYS = new Set(["Shift", "Control", "Alt", "AltGraph", "Meta", "CapsLock", "NumLock", "Fn", "OS"]);
const TERMINATOR_KEYS = new Set(["Enter", "Tab"]);

export function createWedgeDetector(options: Partial<WedgeDetectorOptions> = {}): WedgeDetector {
  const { maxGapMs, minLength, maxLength } = { ...DEFAULT_WEDGE_OPTIONS, ...options };
  let buffer = "";
  let lastTime = Number.NEGATIVE_INFINITY;
  let startedAt = Number.NEGATIVE_INFINITY;

  const reset = () => {
    buffer = "";
    lastTime = Number.NEGATIVE_INFINITY;
    startedAt = Number.NEGATIVE_INFINITY;
  };

  const feed = ({ key, time, withCommandModifier = false }: WedgeKey): WedgeVerdict => {
    // Scanners send Shift around capital letters; it neither breaks a burst nor counts as a gap.
    if (MODIFIER_KEYS.has(key)) return buffer ? { type: "burst", length: buffer.length } : { type: "none" };
    const quick = time - lastTime <= maxGapMs;

    if (TERMINATOR_KEYS.has(key) && !withCommandModifier) {
      const code = buffer;
      const start = startedAt;
      reset();
      return quick && code.length >= minLength ? { type: "scan", code, startedAt: start } : { type: "none" };
    }
    if (key.length !== 1 || withCommandModifier) {
      reset();
      return { type: "none" };
    }

    if (!quick) startedAt = time;
    buffer = quick ? buffer + key : key;
    lastTime = time;
    if (buffer.length > maxLength) {
      reset();
      return { type: "none" };
    }
    return { type: "burst", length: buffer.length };
  };

  return { feed, reset };
}
