/**
 * Decides when the camera loop hands the decoder another frame (docs/scanning-findings.md §4): about every
 * 100 ms, never while the previous frame is still being read (so the worker never holds more than
 * one frame), and not at all (or slower) while the tab is hidden. Pure: the loop asks it on every
 * video frame or timer tick, with a clock the unit tests fake.
 */

export type FramePacerOptions = {
  /** Shortest time between the starts of two reads while the page is visible. */
  intervalMs: number;
  /** The same while the tab is hidden; `null` stops reading until the tab is visible again. */
  hiddenIntervalMs: number | null;
  /**
   * A frame this close to the interval counts as due. Frames come on the camera's clock (every
   * 33.3 ms at 30 fps), so without it a 100 ms interval would wait for the 4th frame (133 ms).
   */
  toleranceMs?: number;
};

/**
 * 10 reads a second adds at most 100 ms before a code in view is tried; a hidden till reads
 * nothing (nobody sees the preview, and a read would start a payment nobody watches).
 */
export const DEFAULT_PACING: FramePacerOptions = { intervalMs: 100, hiddenIntervalMs: null, toleranceMs: 12 };

export type FramePacer = {
  /**
   * 0: send a frame now. A positive number: the earliest a frame may go, in ms from `now` (for a
   * timer). `null`: nothing to schedule; wait for `finished()` or `setHidden(false)`.
   */
  nextSendIn(now: number): number | null;
  /** A frame was handed to the decoder at `now`. */
  sent(now: number): void;
  /** The decoder answered for the frame in flight (with a code, nothing or an error). */
  finished(): void;
  setHidden(hidden: boolean): void;
  readonly inFlight: boolean;
  readonly hidden: boolean;
};

export function createFramePacer(options: FramePacerOptions = DEFAULT_PACING): FramePacer {
  let inFlight = false;
  let hidden = false;
  let lastSentAt = Number.NEGATIVE_INFINITY;

  return {
    nextSendIn(now) {
      if (inFlight) return null;
      const interval = hidden ? options.hiddenIntervalMs : options.intervalMs;
      if (interval === null) return null;
      const remaining = lastSentAt + interval - now;
      return remaining <= (options.toleranceMs ?? 0) ? 0 : remaining;
    },
    sent(now) {
      inFlight = true;
      lastSentAt = now;
    },
    finished() {
      inFlight = false;
    },
    setHidden(value) {
      hidden = value;
    },
    get inFlight() {
      return inFlight;
    },
    get hidden() {
      return hidden;
    },
  };
}
