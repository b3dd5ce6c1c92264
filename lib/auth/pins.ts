/** Staff PINs: 4–6 digits, hashed with argon2id like passwords, never stored or logged in clear. */
import { PIN_PATTERN } from "@/lib/contract/pin";

/** Why a PIN is refused, or null. Refuses the PINs everyone tries first (0000, 1234, 2580…). */
export function pinProblem(pin: string): "format" | "too_simple" | null {
  if (!PIN_PATTERN.test(pin)) return "format";
  if (/^(\d)\1+$/.test(pin)) return "too_simple";
  const digits = [...pin].map(Number);
  const steps = new Set(digits.slice(1).map((d, i) => (d - digits[i]! + 10) % 10));
  if (steps.size === 1 && (steps.has(1) || steps.has(9))) return "too_simple";
  if (
    ["2580", "0852", "1212", "6969", "1004", "2000", "1122", "112233", "121212", "123123", "147258", "159753"].includes(
      pin,
    )
  )
    return "too_simple";
  return null;
}
