/**
 * mulberry32: a small seeded generator, the same sequence on every platform for a given seed, so a
 * fault campaign, a fuzz run or a benchmark corpus can be replayed from its seed. Not for anything
 * secret (use node:crypto for that).
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
