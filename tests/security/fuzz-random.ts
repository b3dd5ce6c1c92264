/** The seeded PRNG (lib/seeded-random.ts) with the picks the fuzz needs. */
import { seededRandom } from "../../lib/seeded-random";

export type Rng = {
  next(): number;
  int(lo: number, hi: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** A copy of `items` with `n` of them, in random order. */
  sample<T>(items: readonly T[], n: number): T[];
};

export function makeRng(seed: number): Rng {
  const next = seededRandom(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(items: readonly T[]): T => {
    if (items.length === 0) throw new Error("pick from nothing");
    return items[Math.floor(next() * items.length)]!;
  };
  const sample = <T>(items: readonly T[], n: number): T[] => {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy.slice(0, n);
  };
  return { next, int, chance: (p) => next() < p, pick, sample };
}
