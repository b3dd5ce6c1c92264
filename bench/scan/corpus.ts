/**
 * The scan benchmark's corpus: camera-like frames of a customer's wallet code, composed only from
 * `tests/support/frames.ts` (`renderFrame`: rotation, blur, noise, contrast, dark surroundings).
 * Seeded, so every run of the same size and seed sees the same frames.
 *
 * The distortion ranges were fixed before any result was seen (docs/scanning-findings.md §5 recipe plus one
 * profile per distortion pushed further on its own); do not tune them to meet a target.
 */
import { SAMPLE_CODES, renderFrame, type FrameOptions, type FrameSymbol } from "../../tests/support/frames";
import { seededRandom } from "../../lib/seeded-random";

export type FrameKind = "c128" | "qr" | "empty";

export type CorpusFrame = {
  id: string;
  kind: FrameKind;
  /** The payment code the frame shows; null on empty frames. */
  expected: string | null;
  /** Which distortion profile made it (see PROFILES). */
  profile: string;
  width: number;
  height: number;
  rgba: Uint8ClampedArray;
  /** The options passed to renderFrame (without the text), for the record. */
  options: Omit<FrameOptions, "text">;
};

const between = (random: () => number, lo: number, hi: number) => lo + (hi - lo) * random();
const signed = (random: () => number, lo: number, hi: number) => (random() < 0.5 ? -1 : 1) * between(random, lo, hi);
const digits = (random: () => number, n: number) => Array.from({ length: n }, () => Math.floor(random() * 10)).join("");

/**
 * Wallet payment codes with the docs/qfpay.md §10 prefixes: WeChat Pay 18 digits, 10–15 (15 = Hong
 * Kong); Alipay 16–24 digits, 25–30; UnionPay QuickPass 19 digits, 62. The repo's SAMPLE_CODES
 * first, then seeded random ones of each kind.
 */
export function walletPayloads(count: number, seed: number): string[] {
  const random = seededRandom(seed ^ 0x5eed);
  const out: string[] = Object.values(SAMPLE_CODES);
  for (let i = 0; out.length < count; i++) {
    const wallet = i % 3;
    if (wallet === 0) out.push(`1${Math.floor(random() * 6)}${digits(random, 16)}`);
    else if (wallet === 1) {
      const length = 16 + Math.floor(random() * 9);
      out.push(`${25 + Math.floor(random() * 6)}${digits(random, length - 2)}`);
    } else out.push(`62${digits(random, 17)}`);
  }
  return out.slice(0, count);
}

type Distortion = Omit<FrameOptions, "symbol" | "text" | "width" | "height" | "barcodeWidth" | "qrSize" | "seed">;

/**
 * Distortion profiles. `blurScale` is √(W/640): a camera's blur in pixels grows with resolution
 * (as in docs/scanning-findings.md §5). Contrast is what the camera records for black ink / the white screen.
 */
const PROFILES: Record<string, (random: () => number, blurScale: number) => Distortion> = {
  /** Sanity baseline: upright, sharp, no noise, nothing dark around the phone. */
  clean: () => ({ surroundings: "white" }),
  /** Dim counter and black bezel on every scan row (docs/scanning-findings.md §3.1), otherwise mild. */
  dark: (r, s) => ({ surroundings: "dark", rotationDeg: signed(r, 0, 2), blur: 0.5 * s, noise: 2 }),
  /** Phone held at an angle. */
  rotated: (r, s) => ({ surroundings: "dark", rotationDeg: signed(r, 5, 12), blur: 0.6 * s, noise: 2.5 }),
  /** Slightly out of focus. */
  blurred: (r, s) => ({
    surroundings: "dark",
    rotationDeg: signed(r, 0, 2),
    blur: between(r, 1.2, 2.0) * s,
    noise: 2.5,
  }),
  /** Low light: sensor noise (docs/scanning-findings.md §3.4: zxing-js QR collapses from σ≈6). */
  noisy: (r, s) => ({ surroundings: "dark", rotationDeg: signed(r, 0, 2), blur: 0.6 * s, noise: between(r, 5, 8) }),
  /** Dim screen / glare: ink and screen close together. */
  "low-contrast": (r, s) => ({
    surroundings: "dark",
    rotationDeg: signed(r, 0, 2),
    blur: 0.6 * s,
    noise: 2.5,
    contrast: { dark: Math.round(between(r, 70, 90)), light: Math.round(between(r, 165, 185)) },
  }),
  /** Everything at once, moderately: the docs/scanning-findings.md §5 recipe (±6°, blur 0.6–1.3, noise 2–5.5, 45–80/170–215). */
  camera: (r, s) => ({
    surroundings: "dark",
    rotationDeg: signed(r, 0, 6),
    offsetX: signed(r, 0, 0.03),
    blur: between(r, 0.6, 1.3) * s,
    noise: between(r, 2, 5.5),
    contrast: { dark: Math.round(between(r, 45, 80)), light: Math.round(between(r, 170, 215)) },
  }),
};

/** Empty frames (no code on the screen) cycle through these. */
const EMPTY_PROFILES = ["dark", "noisy", "low-contrast", "clean", "camera", "blurred", "rotated"];

/** Code size: Code 128 width as a share of the frame width, QR side as a share of its height. */
const CODE_SIZES = [0.3, 0.45, 0.6];

export type CorpusPlan = {
  /** Frames per profile × code size (the "camera" profile gets twice as many). */
  repeats: number;
  emptyFrames: number;
  seed: number;
};

export const FULL_PLAN: CorpusPlan = { repeats: 2, emptyFrames: 16, seed: 1 };
export const QUICK_PLAN: CorpusPlan = { repeats: 1, emptyFrames: 8, seed: 1 };

/** Frames of one size: every profile × code size × repeat, for Code 128 and QR, plus empty frames. */
export function buildCorpus(width: number, height: number, plan: CorpusPlan): CorpusFrame[] {
  const blurScale = Math.sqrt(width / 640);
  const random = seededRandom(plan.seed * 7919 + width);
  const payloads = walletPayloads(12, plan.seed);
  const frames: CorpusFrame[] = [];
  let n = 0;
  const add = (kind: FrameKind, profile: string, size: number | null, expected: string | null) => {
    const distortion = PROFILES[profile]!(random, blurScale);
    const symbol: FrameSymbol = kind === "c128" ? "code128" : kind === "qr" ? "qrcode" : "none";
    const options: Omit<FrameOptions, "text"> = {
      symbol,
      width,
      height,
      ...(kind === "c128" && size !== null ? { barcodeWidth: size } : {}),
      ...(kind === "qr" && size !== null ? { qrSize: size } : {}),
      ...distortion,
      seed: plan.seed * 1_000_003 + width * 1000 + n,
    };
    const frame = renderFrame({ ...options, ...(expected ? { text: expected } : {}) });
    frames.push({
      id: `${width}x${height}-${kind}-${profile}${size !== null ? `-${size}` : ""}-${n}`,
      kind,
      expected,
      profile,
      width,
      height,
      rgba: frame.rgba,
      options,
    });
    n++;
  };
  for (const kind of ["c128", "qr"] as const) {
    for (const profile of Object.keys(PROFILES)) {
      const repeats = profile === "camera" ? plan.repeats * 2 : plan.repeats;
      for (const size of CODE_SIZES) {
        for (let i = 0; i < repeats; i++) add(kind, profile, size, payloads[n % payloads.length]!);
      }
    }
  }
  for (let i = 0; i < plan.emptyFrames; i++) add("empty", EMPTY_PROFILES[i % EMPTY_PROFILES.length]!, null, null);
  return frames;
}

/** Fisher–Yates in place, with the given generator. */
export function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}
