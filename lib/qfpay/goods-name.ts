/**
 * QFPay's `goods_name` from a priced order (issue 12): a short summary the customer sees in the
 * wallet, "Latte x2 1 more". docs/qfpay.md §3: short text, no special characters, UTF-8 for
 * Chinese; docs/pricing.md §7 says what ScanTill sends: at most 20 characters, letters, digits and
 * spaces only, and nothing rather than something unsafe (the field is optional, a refused payment
 * is not). Pure; server-only because only the payment sent to QFPay needs it.
 */
import "server-only";
import type { PricedOrder } from "@/lib/contract/order";
import type { Locale } from "@/lib/i18n/locales";

/** docs/pricing.md §7. */
const MAX_CHARACTERS = 20;
/** goods_name is String(64); 20 characters of a 4-byte script would not fit. */
const MAX_BYTES = 64;
/** A name cut shorter than this says nothing: the summary drops its other parts first. */
const MIN_NAME_CHARACTERS = 4;

/** Anything but letters and digits (any script) becomes a space. */
const UNSAFE = /[^\p{L}\p{Nd}]+/gu;

/** "1 more" / "另1項": the other lines of the order, in the words of the cashier's language. */
const MORE: Record<Locale, (count: number) => string> = {
  en: (count) => `${count} more`,
  "zh-HK": (count) => `另${count}項`,
};

function characters(text: string): string[] {
  return Array.from(text);
}

/** Letters, digits and single spaces; "" when nothing safe is left. */
function safeText(text: string): string {
  return text.normalize("NFC").replace(UNSAFE, " ").trim();
}

function cut(text: string, length: number): string {
  return characters(text).slice(0, length).join("").trimEnd();
}

/**
 * The summary of `order` for QFPay in `locale`, or null when none can be made safe (an order of
 * custom amounts only, a name with no letters or digits): the payment is then sent without one.
 */
export function goodsNameFor(order: PricedOrder, locale: Locale): string | null {
  const first = order.lines.find((line) => line.name !== null);
  if (!first?.name) return null;
  const name = safeText((locale === "zh-HK" ? first.name.zh : null) ?? first.name.en) || safeText(first.name.en);
  if (!name) return null;
  const others = order.lines.length - 1;
  const parts = [first.quantity > 1 ? `x${first.quantity}` : "", others > 0 ? MORE[locale](others) : ""];
  // Drop the "more" part, then the quantity, before cutting the name below a readable length.
  for (let keep = parts.length; keep >= 0; keep--) {
    const tail = parts
      .slice(0, keep)
      .filter(Boolean)
      .map((part) => ` ${part}`)
      .join("");
    const room = MAX_CHARACTERS - characters(tail).length;
    if (room < MIN_NAME_CHARACTERS && keep > 0) continue;
    const summary = `${cut(name, room)}${tail}`;
    if (new TextEncoder().encode(summary).length <= MAX_BYTES) return summary;
  }
  return null;
}
