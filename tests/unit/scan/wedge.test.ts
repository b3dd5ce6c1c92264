import { describe, expect, it, vi } from "vitest";
import { wedgeKeydownListener } from "@/components/scan/use-wedge-scanner";
import { createWedgeDetector, type WedgeDetector, type WedgeVerdict } from "@/lib/scan/wedge-detector";

type Keystroke = { key: string; gap: number; withCommandModifier?: boolean };

/** Types `text` with `gap` ms between keys, then `terminator` after `terminatorGap` ms. */
function keys(text: string, gap: number, terminator = "Enter", terminatorGap = gap): Keystroke[] {
  return [...[...text].map((key) => ({ key, gap })), { key: terminator, gap: terminatorGap }];
}

function play(detector: WedgeDetector, strokes: Keystroke[], start = 10_000): WedgeVerdict[] {
  let time = start;
  return strokes.map(({ key, gap, withCommandModifier }) => {
    time += gap;
    return detector.feed({ key, time, withCommandModifier });
  });
}

/** The scans among the verdicts, without their start times (tested on their own below). */
const scans = (verdicts: WedgeVerdict[]) =>
  verdicts.flatMap((v) => (v.type === "scan" ? [{ type: v.type, code: v.code }] : []));

describe("wedge detector: scanner-like input", () => {
  it("emits an 18-digit burst at 8–12 ms per key ending in Enter", () => {
    const detector = createWedgeDetector();
    const strokes = [...keys("134857901234588557", 8)].map((s, i) => ({ ...s, gap: s.gap + (i % 3) * 2 }));
    const verdicts = play(detector, strokes);
    expect(scans(verdicts)).toEqual([{ type: "scan", code: "134857901234588557" }]);
    expect(verdicts.at(-1)).toEqual({ type: "scan", code: "134857901234588557", startedAt: 10_008 });
    expect(verdicts[0]).toEqual({ type: "burst", length: 1 });
  });

  it("reports when the burst's first key came, after a person's keys and after Shift", () => {
    const detector = createWedgeDetector();
    const human = keys("12", 200).slice(0, -1);
    const burst = [{ key: "Shift", gap: 150 }, { key: "A", gap: 150 }, ...keys("PTH7309962819735668", 6)];
    const verdicts = play(detector, [...human, ...burst], 0);
    // 200 + 200 (the person's "1", "2"), 150 (Shift: not a key of the code), 150 ("A": the start).
    expect(verdicts.at(-1)).toEqual({ type: "scan", code: "APTH7309962819735668", startedAt: 700 });
  });

  it("accepts Tab as the terminator", () => {
    const verdicts = play(createWedgeDetector(), keys("2812345678901234", 5, "Tab"));
    expect(scans(verdicts)).toEqual([{ type: "scan", code: "2812345678901234" }]);
  });

  it("accepts a Bluetooth scanner's ~35 ms gaps", () => {
    expect(scans(play(createWedgeDetector(), keys("6212345678901234567", 35)))).toHaveLength(1);
  });

  it("lets Shift through for capital letters without breaking the burst", () => {
    const strokes = [...keys("APTH7309962819735668", 6)].flatMap((s) =>
      /[A-Z]/.test(s.key)
        ? [
            { key: "Shift", gap: 2 },
            { ...s, gap: 4 },
          ]
        : [s],
    );
    expect(scans(play(createWedgeDetector(), strokes))).toEqual([{ type: "scan", code: "APTH7309962819735668" }]);
  });

  it("emits two scans in a row", () => {
    const detector = createWedgeDetector();
    const second = keys("2812345678901234", 10).map((s, i) => (i === 0 ? { ...s, gap: 900 } : s));
    const verdicts = play(detector, [...keys("134857901234588557", 10), ...second]);
    expect(scans(verdicts).map((v) => v.type === "scan" && v.code)).toEqual(["134857901234588557", "2812345678901234"]);
  });
});

describe("wedge detector: human-like input", () => {
  it("ignores digits typed 120–200 ms apart followed by Enter", () => {
    const strokes = [...keys("134857901234588557", 120)].map((s, i) => ({ ...s, gap: s.gap + (i % 4) * 25 }));
    expect(scans(play(createWedgeDetector(), strokes))).toEqual([]);
  });

  it("ignores a short fast burst (a fast typist's rollover)", () => {
    expect(scans(play(createWedgeDetector(), keys("1234567", 15)))).toEqual([]);
  });

  it("ignores a fast burst whose Enter comes late (the person pressed Enter)", () => {
    expect(scans(play(createWedgeDetector(), keys("134857901234588557", 10, "Enter", 400)))).toEqual([]);
  });

  it("restarts the burst after a slow gap", () => {
    const detector = createWedgeDetector();
    const split = [
      ...keys("123456", 10).slice(0, -1),
      ...keys("1348579012", 10).map((s, i) => (i === 0 ? { ...s, gap: 300 } : s)),
    ];
    expect(scans(play(detector, split))).toEqual([{ type: "scan", code: "1348579012" }]);
    const tooShortAfterPause = [
      ...keys("1234567", 10).slice(0, -1),
      ...keys("8901234", 10).map((s, i) => (i === 0 ? { ...s, gap: 300 } : s)),
    ];
    expect(scans(play(createWedgeDetector(), tooShortAfterPause))).toEqual([]);
  });

  it("drops the burst on a shortcut or a non-printable key", () => {
    const withPaste = [
      ...keys("13485790", 10).slice(0, -1),
      { key: "v", gap: 10, withCommandModifier: true },
      ...keys("1234588557", 10),
    ];
    expect(scans(play(createWedgeDetector(), withPaste))).toEqual([{ type: "scan", code: "1234588557" }]);
    const withArrow = [
      ...keys("1348579012", 10).slice(0, -1),
      { key: "ArrowLeft", gap: 10 },
      { key: "Enter", gap: 10 },
    ];
    expect(scans(play(createWedgeDetector(), withArrow))).toEqual([]);
  });

  it("ignores Ctrl+Enter", () => {
    const strokes = [
      ...keys("134857901234588557", 10).slice(0, -1),
      { key: "Enter", gap: 10, withCommandModifier: true },
    ];
    expect(scans(play(createWedgeDetector(), strokes))).toEqual([]);
  });

  it("drops a burst longer than maxLength", () => {
    expect(scans(play(createWedgeDetector({ maxLength: 24 }), keys("1".repeat(25), 5)))).toEqual([]);
  });

  it("honours custom gap and length", () => {
    const strict = createWedgeDetector({ maxGapMs: 20, minLength: 16 });
    expect(scans(play(strict, keys("134857901234588557", 30)))).toEqual([]);
    expect(scans(play(strict, keys("134857901234", 10)))).toEqual([]);
    expect(scans(play(strict, keys("134857901234588557", 10)))).toHaveLength(1);
  });

  it("reset() forgets a burst in progress", () => {
    const detector = createWedgeDetector();
    play(detector, keys("134857901", 10).slice(0, -1), 0);
    detector.reset();
    expect(detector.feed({ key: "Enter", time: 95 })).toEqual({ type: "none" });
  });
});

describe("wedgeKeydownListener (the useWedgeScanner hook's listener)", () => {
  type FakeElement = { tagName: string; type?: string; isContentEditable?: boolean; wedgeOk?: boolean };
  const element = (e: FakeElement) =>
    ({
      isContentEditable: false,
      ...e,
      closest: (selector: string) => (selector === "[data-wedge-ok]" && e.wedgeOk ? {} : null),
    }) as unknown as Element;

  function typeBurst(listener: ReturnType<typeof wedgeKeydownListener>, text: string, gap = 10) {
    let time = 1_000;
    const events = [...text, "Enter"].map((key) => ({
      key,
      timeStamp: (time += gap),
      ctrlKey: false,
      altKey: false,
      metaKey: false,
      isComposing: false,
      repeat: false,
      preventDefault: vi.fn(),
      stopPropagation: vi.fn(),
    }));
    for (const event of events) listener(event);
    return events;
  }

  it.each([
    ["nothing focused", null],
    ["a focused button", element({ tagName: "BUTTON" })],
    ["a checkbox", element({ tagName: "INPUT", type: "checkbox" })],
    ["the manual code field (data-wedge-ok)", element({ tagName: "INPUT", type: "text", wedgeOk: true })],
  ])("scans with %s, and keeps the Enter from clicking or submitting", (_name, focused) => {
    const onScan = vi.fn();
    const events = typeBurst(
      wedgeKeydownListener(onScan, {}, () => focused),
      "134857901234588557",
    );
    expect(onScan).toHaveBeenCalledWith("134857901234588557", 1_010);
    const enter = events.at(-1);
    expect(enter?.preventDefault).toHaveBeenCalled();
    expect(enter?.stopPropagation).toHaveBeenCalled();
    expect(events[0]?.preventDefault).not.toHaveBeenCalled();
  });

  it.each([
    ["a text field", element({ tagName: "INPUT", type: "text" })],
    ["a number field", element({ tagName: "INPUT", type: "number" })],
    ["a textarea", element({ tagName: "TEXTAREA" })],
    ["a select", element({ tagName: "SELECT" })],
    ["a contenteditable", element({ tagName: "DIV", isContentEditable: true })],
  ])("leaves %s alone", (_name, focused) => {
    const onScan = vi.fn();
    const events = typeBurst(
      wedgeKeydownListener(onScan, {}, () => focused),
      "134857901234588557",
    );
    expect(onScan).not.toHaveBeenCalled();
    expect(events.at(-1)?.preventDefault).not.toHaveBeenCalled();
  });

  it("ignores a person typing on the page", () => {
    const onScan = vi.fn();
    typeBurst(
      wedgeKeydownListener(onScan, {}, () => null),
      "134857901234588557",
      150,
    );
    expect(onScan).not.toHaveBeenCalled();
  });
});
