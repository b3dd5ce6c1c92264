/**
 * Every citation in the repository resolves inside it (issue 11): `docs/<file>.md` names a file
 * that exists, and `docs/<file>.md §N` a section of it (a heading numbered N, as in "## 8." or
 * "### 8.1" or "## §8"). A bare `§N` cites the file's own first `docs/…md §` citation (the
 * convention the code follows: "docs/qfpay.md §6, the last resort after enquiry (§9)"); in a
 * document under docs/ it cites the document itself. Nothing may point at the research notes that
 * lived outside the repository. Files come from `git ls-files`, so a new file is checked the day it
 * is added.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

/** The outside documents, spelled in pieces so that this file does not cite them itself. */
const OUTSIDE = [
  ["API-", "FACTS"],
  ["FIND", "INGS"],
  ["ARCHI", "TECTURE"],
  ["ANCH", "ORS"],
  ["POS-", "PEERS"],
  ["CPM-consumer-", "present-mode"],
  ["../", "shared"],
  ["/wo", "rk/"],
].map((parts) => parts.join(""));

/** `docs/<name>.md`, not preceded by a path (node_modules/next/dist/docs/… is Next's, not ours). */
const DOC_REF = /(?<![\w./-])docs\/([\w.-]+\.md)/g;
const SECTION_REF = /§\s?(\d+(?:\.\d+)*[a-z]?)/g;
/** What may stand between a citation and the next § of the same list: "§3, §5", "§1–§4", "§6/§8". */
const LIST_GAP = /^(?:\s*(?:,|;|–|—|-|\/|and|or|&)\s*|\s+)$/;
const HEADING = /^#{1,6}\s+(?:§\s?)?(\d+(?:\.\d+)*[a-z]?)(?=[.\s:]|$)/gm;

type Citation = { file: string; line: number; doc: string; section: string | null };
type Problem = string;

function trackedTextFiles(): string[] {
  const out = execFileSync("git", ["ls-files", "-z"], { cwd: root, encoding: "utf8" });
  return out
    .split("\0")
    .filter(Boolean)
    .filter((file) => existsSync(path.join(root, file)))
    .filter((file) => !readFileSync(path.join(root, file)).includes(0));
}

const sectionCache = new Map<string, Set<string> | null>();
/** The section numbers a document's headings carry, or null when the document does not exist. */
function sectionsOf(doc: string): Set<string> | null {
  if (!sectionCache.has(doc)) {
    const file = path.join(root, "docs", doc);
    sectionCache.set(
      doc,
      existsSync(file) ? new Set([...readFileSync(file, "utf8").matchAll(HEADING)].map((m) => m[1]!)) : null,
    );
  }
  return sectionCache.get(doc)!;
}

function lineOf(text: string, index: number): number {
  return text.slice(0, index).split("\n").length;
}

/** Every citation of one file, each § bound to the document it cites. */
function citationsOf(file: string, text: string): { citations: Citation[]; problems: Problem[] } {
  const citations: Citation[] = [];
  const problems: Problem[] = [];
  type Token = { index: number; end: number; kind: "doc" | "section"; value: string };
  const tokens: Token[] = [
    ...[...text.matchAll(DOC_REF)].map((m) => ({
      index: m.index,
      end: m.index + m[0].length,
      kind: "doc" as const,
      value: m[1]!,
    })),
    ...[...text.matchAll(SECTION_REF)].map((m) => ({
      index: m.index,
      end: m.index + m[0].length,
      kind: "section" as const,
      value: m[1]!,
    })),
  ].sort((a, b) => a.index - b.index);

  const ownDoc =
    file.startsWith("docs/") && file.endsWith(".md") && !file.slice(5).includes("/") ? file.slice(5) : null;
  const firstCited = tokens.find(
    (t, i) =>
      t.kind === "doc" && tokens[i + 1]?.kind === "section" && /^\s$/.test(text.slice(t.end, tokens[i + 1]!.index)),
  );
  const home = ownDoc ?? firstCited?.value ?? null;
  let previous: Token | null = null;
  let bound: string | null = null;
  for (const token of tokens) {
    const line = lineOf(text, token.index);
    if (token.kind === "doc") {
      citations.push({ file, line, doc: token.value, section: null });
      bound = token.value;
    } else {
      const joined =
        previous !== null &&
        bound !== null &&
        (previous.kind === "doc" ? /^\s$/ : LIST_GAP).test(text.slice(previous.end, token.index));
      if (!joined) bound = null;
      const doc = bound ?? home;
      if (doc === null)
        problems.push(`${file}:${line}: §${token.value} cites no document (name it: docs/<file>.md §${token.value})`);
      else citations.push({ file, line, doc, section: token.value });
    }
    previous = token;
  }
  return { citations, problems };
}

const files = trackedTextFiles();
const texts = new Map(files.map((file) => [file, readFileSync(path.join(root, file), "utf8")]));
const self = path.relative(root, fileURLToPath(import.meta.url));

describe("citations resolve inside the repository (issue 11)", () => {
  it("finds the tracked files and the citations to check", () => {
    expect(files.length).toBeGreaterThan(300);
    expect(files).toContain(self);
    const all = files.flatMap((file) => citationsOf(file, texts.get(file)!).citations);
    expect(all.filter((c) => c.doc === "qfpay.md" && c.section !== null).length).toBeGreaterThan(300);
  });

  it("names only documents that exist, and only sections they have", () => {
    const problems: Problem[] = [];
    for (const file of files) {
      const { citations, problems: own } = citationsOf(file, texts.get(file)!);
      problems.push(...own);
      for (const citation of citations) {
        const sections = sectionsOf(citation.doc);
        if (sections === null) problems.push(`${citation.file}:${citation.line}: docs/${citation.doc} does not exist`);
        else if (citation.section !== null && !sections.has(citation.section)) {
          problems.push(`${citation.file}:${citation.line}: docs/${citation.doc} has no §${citation.section}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("never points at the research notes that lived outside the repository", () => {
    const problems: Problem[] = [];
    for (const file of files) {
      const text = texts.get(file)!;
      for (const name of OUTSIDE) {
        const index = text.indexOf(name);
        if (index >= 0) problems.push(`${file}:${lineOf(text, index)}: mentions ${name}`);
      }
    }
    expect(problems).toEqual([]);
  });
});

describe("the citation reader", () => {
  const read = (file: string, text: string) => {
    const { citations, problems } = citationsOf(file, text);
    return { cited: citations.map((c) => `${c.doc}${c.section === null ? "" : ` §${c.section}`}`), problems };
  };

  it("binds a list of sections to the document before it, and a bare § to the file's first citation", () => {
    expect(read("lib/x.ts", "// (docs/qfpay.md §3, §11) then docs/scanning.md §2 and later (§9)").cited).toEqual([
      "qfpay.md",
      "qfpay.md §3",
      "qfpay.md §11",
      "scanning.md",
      "scanning.md §2",
      "qfpay.md §9",
    ]);
    expect(read("lib/x.ts", "docs/qfpay.md §1–§4").cited).toEqual(["qfpay.md", "qfpay.md §1", "qfpay.md §4"]);
  });

  it("reads a bare § in a document as its own section, and flags one with no document", () => {
    expect(read("docs/going-live.md", "see §2").cited).toEqual(["going-live.md §2"]);
    expect(read("lib/x.ts", "as §7 says").problems).toHaveLength(1);
  });

  it("ignores other projects' docs folders", () => {
    expect(read("docs/going-live.md", "node_modules/next/dist/docs/01-app/guide.md").cited).toEqual([]);
  });

  it("knows a document's sections from its numbered headings", () => {
    expect(sectionsOf("qfpay.md")).toEqual(expect.objectContaining({ size: expect.any(Number) }));
    for (const section of ["0", "2", "8", "8.1", "13.10", "15.8"])
      expect(sectionsOf("qfpay.md")!.has(section), section).toBe(true);
    expect(sectionsOf("toolchain.md")!.has("3b")).toBe(true);
    expect(sectionsOf("performance.md")!.has("8")).toBe(true);
    expect(sectionsOf("no-such-file.md")).toBeNull();
  });
});
