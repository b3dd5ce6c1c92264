import vm from "node:vm";
import { describe, expect, it } from "vitest";
import { applyKey, type KeypadKey } from "@/components/sale/amount-entry";
import { earlyKeypad, type EarlyKeypadConfig, type EarlyKeypadState } from "@/components/sale/early-keypad";
import { MAX_AMOUNT_MINOR } from "@/lib/money";
import { seededRandom } from "@/lib/seeded-random";

const CONFIG: EarlyKeypadConfig = {
  max: MAX_AMOUNT_MINOR,
  locale: "en-HK",
  currency: "HKD",
  exponent: 2,
  emptyText: "Enter the amount",
  chargeTemplate: "Charge {amount}",
};

/**
 * Runs the script as the page does: its source text in a context of its own, which has a window and
 * nothing of this module, so a reference outside the function's body fails here.
 */
function runScript(config: EarlyKeypadConfig = CONFIG) {
  const listeners: { type: string; capture: boolean }[] = [];
  const window = {
    addEventListener: (type: string, _fn: unknown, capture: boolean) => listeners.push({ type, capture }),
    removeEventListener: (type: string) =>
      listeners.splice(
        listeners.findIndex((l) => l.type === type),
        1,
      ),
  } as unknown as { __scantillEarlyKeypad?: EarlyKeypadState };
  const source = `(${earlyKeypad.toString()})(${JSON.stringify(config)})`;
  vm.runInNewContext(source, { window, Intl, performance, Element: class {}, HTMLButtonElement: class {} });
  const state = window.__scantillEarlyKeypad;
  if (!state) throw new Error("the script set no state");
  return { state, listeners };
}

const KEYS: KeypadKey[] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "00", "backspace", "clear"];

describe("the keypad before hydration", () => {
  it("keys amounts exactly as applyKey does, up to the limit", () => {
    const random = seededRandom(7);
    for (let run = 0; run < 300; run++) {
      const { state } = runScript();
      let expected = 0;
      for (let tap = 0; tap < 14; tap++) {
        const key = KEYS[Math.floor(random() * KEYS.length)]!;
        state.press(key);
        expected = applyKey(expected, key);
        expect(state.amount).toBe(expected);
      }
    }
  });

  it("refuses a key past the limit and ignores what is not a key", () => {
    const { state } = runScript();
    for (const key of "99999999") state.press(key);
    expect(state.amount).toBe(99_999_999);
    state.press("9");
    state.press("00");
    expect(state.amount).toBe(99_999_999);
    state.press("x");
    state.press("");
    expect(state.amount).toBe(99_999_999);
  });

  it("remembers Charge only with an amount, and keys nothing after it", () => {
    const { state } = runScript();
    state.press("charge");
    expect(state.charge).toBe(false);
    state.press("1");
    state.press("charge");
    expect(state.charge).toBe(true);
    state.press("5");
    expect(state.amount).toBe(1);
  });

  it("listens in the capture phase on window, and stops when the app takes over", () => {
    const { state, listeners } = runScript();
    expect(listeners).toEqual([{ type: "click", capture: true }]);
    state.press("4");
    state.stop();
    expect(listeners).toEqual([]);
    expect(state.takenAt).not.toBeNull();
    state.press("2");
    expect(state.amount).toBe(4);
  });
});
