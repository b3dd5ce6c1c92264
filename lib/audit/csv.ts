/**
 * A small CSV writer for exports a person opens in a spreadsheet (the audit export, issue 9). Pure.
 *
 * - RFC 4180: fields with a comma, quote, CR or LF are quoted, quotes doubled, rows end in CRLF.
 * - Formula injection: a spreadsheet runs a cell that starts with = + - @ (or a tab or CR before
 *   one) as a formula, and audit cells hold text other people typed (a username tried at sign-in).
 *   Such cells get a leading single quote, which makes the spreadsheet show them as text.
 * - UTF-8 with a byte-order mark, without which Excel reads the file as the system code page and
 *   shows Chinese as garbage.
 */
export type CsvCell = string | number | boolean | null | undefined;

export const UTF8_BOM = "\uFEFF";

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(cells: readonly CsvCell[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}

/** A whole file: the header row, then the rows; with the BOM unless `bom: false`. */
export function toCsv(
  header: readonly string[],
  rows: Iterable<readonly CsvCell[]>,
  options: { bom?: boolean } = {},
): string {
  const parts = [options.bom === false ? "" : UTF8_BOM, csvRow(header)];
  for (const row of rows) parts.push(csvRow(row));
  return parts.join("");
}
