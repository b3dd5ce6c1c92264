/**
 * Defensive readers for QFPay JSON. Samples show the same field as a string or a number
 * (`txamt`, `page`: docs/qfpay.md §3, §4), so nothing trusts a field's type.
 */
import "server-only";

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A trimmed non-empty string, or a finite number as text; otherwise null. */
export function readString(source: Record<string, unknown>, key: string): string | null {
  const value = source[key];
  if (typeof value === "string") {
    const trimmed = value.trim();
    return trimmed === "" ? null : trimmed;
  }
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return null;
}

/** A non-negative whole number of minor units (`txamt` is "10" or 10, §3); otherwise null. */
export function readMinorAmount(source: Record<string, unknown>, key: string): number | null {
  const value = source[key];
  if (typeof value === "number") return Number.isSafeInteger(value) && value >= 0 ? value : null;
  if (typeof value === "string" && /^\d{1,15}$/.test(value.trim())) return Number(value.trim());
  return null;
}
