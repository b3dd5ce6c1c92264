/** Number formatting and plain-text tables for the scan benchmark's report. */

/** Nearest-rank quantile, as bench/payment-latency.ts computes it. */
function quantile(xs: number[], q: number): number {
  if (xs.length === 0) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

export const median = (xs: number[]) => quantile(xs, 0.5);
export const round = (x: number, digits = 2) => (Number.isFinite(x) ? +x.toFixed(digits) : null);
export const fmt = (x: number | null | undefined, digits = 1) =>
  x === null || x === undefined || !Number.isFinite(x) ? "—" : x.toFixed(digits);
export const pct = (x: number) => (Number.isFinite(x) ? `${(100 * x).toFixed(1)}%` : "—");
/** A share as "a/b (p%)". */
export const share = (hits: number, n: number) => (n === 0 ? "—" : `${hits}/${n} ${pct(hits / n)}`);

const pad = (s: string, n: number) => (s.length >= n ? s : s + " ".repeat(n - s.length));
const lpad = (s: string, n: number) => (s.length >= n ? s : " ".repeat(n - s.length) + s);

export function table(header: string[], rows: string[][], leftColumns = 1): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i < leftColumns ? pad(c, widths[i]!) : lpad(c, widths[i]!))).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

export function msStats(xs: number[]) {
  return {
    p50: quantile(xs, 0.5),
    p95: quantile(xs, 0.95),
    mean: xs.reduce((a, b) => a + b, 0) / xs.length,
    n: xs.length,
  };
}
