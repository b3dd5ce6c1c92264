/**
 * The response-code tables of docs/qfpay.md §8.1 (QFPay's current list) and §8.2 (historical and
 * extra codes), read from the repository's own document, so the outcome tests fail when the
 * documented decisions and `lib/qfpay/outcome.ts` disagree.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

type DocCodeRow = {
  code: string;
  /** "8.1" (QFPay's current list) or "8.2" (historical and extra codes). */
  section: "8.1" | "8.2";
  /** The "ScanTill: payment" cell, e.g. `pending`, `failed (fresh_code), at once`, `— (not listed…)`. */
  payment: string;
  /** The "ScanTill: refund" cell, e.g. `succeeded`, `failed (refused)`. */
  refund: string;
};

const docPath = fileURLToPath(new URL("../../docs/qfpay.md", import.meta.url));

function between(text: string, start: string, end: string): string {
  const from = text.indexOf(start);
  const to = text.indexOf(end, from + start.length);
  if (from < 0 || to < 0) throw new Error(`docs/qfpay.md: no "${start}" … "${end}"`);
  return text.slice(from, to);
}

function tableRows(section: string, name: DocCodeRow["section"]): DocCodeRow[] {
  const rows: DocCodeRow[] = [];
  for (const line of section.split("\n")) {
    const cells = line
      .split("|")
      .slice(1, -1)
      .map((cell) => cell.trim());
    if (cells.length !== 5 || !/^\d{4}$/.test(cells[0]!)) continue;
    rows.push({ code: cells[0]!, section: name, payment: cells[3]!, refund: cells[4]! });
  }
  return rows;
}

/** Every row of the §8.1 and §8.2 tables, in document order. */
export function documentedCodes(): DocCodeRow[] {
  const text = readFileSync(docPath, "utf8");
  return [
    ...tableRows(between(text, "### 8.1 ", "### 8.2 "), "8.1"),
    ...tableRows(between(text, "### 8.2 ", "### 8.3 "), "8.2"),
  ];
}
