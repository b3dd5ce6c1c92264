/**
 * The keypad before the app: taps on the sale screen's keypad answer from the moment the page is
 * painted, not from the moment React has hydrated it (1–2.5 s later on a budget tablet,
 * docs/first-load.md §"Before hydration"). A small inline script (`earlyKeypad`, sent with the page by
 * early-keypad-script.tsx) keys the amount into the server-rendered display and remembers a tap on
 * Charge; when the keypad step mounts, `takeEarlyKeypad` stops the script and hands its amount to the
 * sale's state. The elements the script writes carry `suppressHydrationWarning`: React keeps what the
 * script showed until the handed-over amount renders the same thing.
 *
 * This module is shared by both sides: the server stringifies `earlyKeypad` into the page, the
 * keypad step calls `takeEarlyKeypad`. `earlyKeypad` therefore refers to nothing outside itself.
 */

/** What the inline script needs to know, from the server (JSON in the page). */
export type EarlyKeypadConfig = {
  /** MAX_AMOUNT_MINOR: a key that would pass it is refused, as `applyKey` does. */
  max: number;
  /** Intl locale of the cashier's language (FORMAT_LOCALE), as `useFormatters().money`. */
  locale: string;
  currency: string;
  /** Digits after the decimal point of `currency`. */
  exponent: number;
  /** The hint under an amount of zero (the catalog's sale.enterAmount). */
  emptyText: string;
  /** The Charge button's text with `{amount}` in it (the catalog's sale.charge). */
  chargeTemplate: string;
};

/** What the script has keyed, on `window.__scantillEarlyKeypad`. */
export type EarlyKeypadState = {
  amount: number;
  /** Charge was tapped with an amount keyed: the app opens the scan step when it takes over. */
  charge: boolean;
  /** Taps the script answered (the benchmark and the tests read it). */
  taps: number;
  /** performance.now() when the app took over, or null. */
  takenAt: number | null;
  press(key: string): void;
  stop(): void;
};

declare global {
  interface Window {
    __scantillEarlyKeypad?: EarlyKeypadState;
  }
}

/**
 * Runs in the page as an inline script, before the app's code has loaded. Stringified: no imports,
 * no references outside its body. Listens on `window` in the capture phase, so a tap it answers never
 * reaches React (which listens lower, on the document) and is never applied twice. It finds its
 * elements by `data-early-key` (a key, "clear", "charge") and `data-early` (display, hint, clear, charge).
 */
export function earlyKeypad(config: EarlyKeypadConfig): void {
  if (window.__scantillEarlyKeypad) return;
  const money = new Intl.NumberFormat(config.locale, {
    style: "currency",
    currency: config.currency,
    minimumFractionDigits: config.exponent,
    maximumFractionDigits: config.exponent,
  });
  const state: EarlyKeypadState = { amount: 0, charge: false, taps: 0, takenAt: null, press, stop };
  window.__scantillEarlyKeypad = state;

  // The same arithmetic as amount-entry.ts `applyKey` (a unit test holds them together).
  function next(amount: number, key: string): number {
    if (key === "backspace") return Math.floor(amount / 10);
    if (key === "clear") return 0;
    if (key === "00") return amount * 100 <= config.max ? amount * 100 : amount;
    if (!/^[0-9]$/.test(key)) return amount;
    const keyed = amount * 10 + Number(key);
    return keyed <= config.max ? keyed : amount;
  }

  function part(name: string): HTMLElement | null {
    return typeof document === "undefined" ? null : document.querySelector<HTMLElement>(`[data-early="${name}"]`);
  }

  function paint(): void {
    const shown = money.format(state.amount / 10 ** config.exponent);
    const display = part("display");
    if (display) {
      display.textContent = shown;
      display.setAttribute("data-amount", String(state.amount));
      display.classList.toggle("text-slate-400", state.amount === 0);
      display.classList.toggle("text-ink", state.amount !== 0);
    }
    const hint = part("hint");
    if (hint) hint.textContent = state.amount === 0 ? config.emptyText : " ";
    const clear = part("clear");
    if (clear instanceof HTMLButtonElement) clear.disabled = state.amount === 0;
    const charge = part("charge");
    if (charge instanceof HTMLButtonElement) {
      charge.disabled = state.amount === 0;
      charge.textContent = config.chargeTemplate.replace("{amount}", shown);
      if (state.charge) charge.setAttribute("aria-busy", "true");
    }
  }

  function press(key: string): void {
    if (state.takenAt !== null || state.charge) return;
    state.taps++;
    if (key === "charge") {
      state.charge = state.amount > 0;
    } else {
      state.amount = next(state.amount, key);
    }
    paint();
  }

  function onClick(event: MouseEvent): void {
    const target = event.target;
    const button = target instanceof Element ? target.closest("[data-early-key]") : null;
    if (!button || state.takenAt !== null) return;
    event.stopPropagation();
    event.preventDefault();
    press(button.getAttribute("data-early-key") ?? "");
  }

  function stop(): void {
    if (state.takenAt === null) state.takenAt = performance.now();
    window.removeEventListener("click", onClick, true);
  }

  window.addEventListener("click", onClick, true);
}

/**
 * Called once by the keypad step when it mounts (in a layout effect: before the browser can deliver
 * another tap): stops the script and returns what it keyed, or null when there was no script or it
 * was already taken.
 */
export function takeEarlyKeypad(): { amount: number; charge: boolean } | null {
  const state = typeof window === "undefined" ? undefined : window.__scantillEarlyKeypad;
  if (!state || state.takenAt !== null) return null;
  state.stop();
  return { amount: state.amount, charge: state.charge };
}
