/**
 * Reads a CSV file as a spreadsheet writes it (RFC 4180: quoted fields, doubled quotes, CRLF or LF,
 * line breaks inside quotes), keeping the line each record starts on so that a problem can name it
 * (docs/catalogue.md §4). Undoes what our own export adds: the byte-order mark and the leading `'`
 * that guards a cell a spreadsheet would run as a formula (lib/audit/csv.ts). Pure.
 */

type CsvRecord = { line: number; cells: string[] };

type ParsedCsv = { ok: true; records: CsvRecord[] } | { ok: false; unclosedQuoteLine: number };

const GUARDED_FORMULA = /^'[=+\-@\t\r]/;

export function parseCsv(text: string): ParsedCsv {
  const source = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let quoteLine = 1;
  const endCell = () => {
    cells.push(GUARDED_FORMULA.test(cell) ? cell.slice(1) : cell);
    cell = "";
  };
  const endRecord = () => {
    endCell();
    // A blank line is no record (a spreadsheet often leaves one at the end).
    if (cells.length > 1 || cells[0] !== "") records.push({ line: recordLine, cells });
    cells = [];
  };
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (quoted) {
      if (c === '"') {
        if (source[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === "\n") line++;
        cell += c;
      }
    } else if (c === '"' && cell === "") {
      quoted = true;
      quoteLine = line;
    } else if (c === ",") endCell();
    else if (c === "\r" || c === "\n") {
      if (c === "\r" && source[i + 1] === "\n") i++;
      endRecord();
      line++;
      recordLine = line;
    } else cell += c;
  }
  if (quoted) return { ok: false, unclosedQuoteLine: quoteLine };
  endRecord();
  return { ok: true, records };
}
