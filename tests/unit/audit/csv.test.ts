/** The CSV writer of the audit export (lib/audit/csv.ts): RFC 4180 quoting, formula injection, BOM. */
import { describe, expect, it } from "vitest";
import { csvCell, csvRow, toCsv, UTF8_BOM } from "@/lib/audit/csv";

/** A small RFC 4180 reader, to check that what we write reads back as the same cells. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += c;
  }
  if (cell !== "" || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

describe("csv cells", () => {
  it("leaves plain text alone and writes empty cells for null and undefined", () => {
    expect(csvCell("owner")).toBe("owner");
    expect(csvCell(42)).toBe("42");
    expect(csvCell(true)).toBe("true");
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
    expect(csvCell("")).toBe("");
  });

  it("quotes commas, quotes, CR and LF, doubling quotes (RFC 4180)", () => {
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("line1\nline2")).toBe('"line1\nline2"');
    expect(csvCell("a\r\nb")).toBe('"a\r\nb"');
    expect(csvCell('{"reason":"self"}')).toBe('"{""reason"":""self""}"');
  });

  it("neutralises spreadsheet formulas: = + - @ tab CR get a leading single quote", () => {
    expect(csvCell("=1+1")).toBe("'=1+1");
    expect(csvCell("+85212345678")).toBe("'+85212345678");
    expect(csvCell("-2")).toBe("'-2");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\t=cmd")).toBe("'\t=cmd");
    expect(csvCell("\r=cmd")).toBe('"\'\r=cmd"');
    expect(csvCell('=HYPERLINK("http://x","click")')).toBe('"\'=HYPERLINK(""http://x"",""click"")"');
    expect(csvCell(-5)).toBe("'-5");
    // Not at the start: harmless.
    expect(csvCell("a=b")).toBe("a=b");
  });

  it("keeps Chinese text as it is", () => {
    expect(csvCell("新增員工")).toBe("新增員工");
  });
});

describe("csv files", () => {
  it("rows end in CRLF; the file starts with a UTF-8 BOM unless asked not to", () => {
    expect(csvRow(["a", 1, null])).toBe("a,1,\r\n");
    const file = toCsv(["時間", "操作"], [["2026-01-31 09:30:00", "以密碼登入"]]);
    expect(file.startsWith(UTF8_BOM)).toBe(true);
    expect(Buffer.from(file, "utf8").subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(file).toBe(`${UTF8_BOM}時間,操作\r\n2026-01-31 09:30:00,以密碼登入\r\n`);
    expect(toCsv(["a"], [], { bom: false })).toBe("a\r\n");
  });

  it("reads back as the same cells (formulas with their quote)", () => {
    const cells = [["x,y", 'q"q', "multi\nline", "=evil()", "plain", "中文"]];
    const back = parseCsv(toCsv(["1", "2", "3", "4", "5", "6"], cells, { bom: false }));
    expect(back).toEqual([
      ["1", "2", "3", "4", "5", "6"],
      ["x,y", 'q"q', "multi\nline", "'=evil()", "plain", "中文"],
    ]);
  });
});
