/** The catalogue CSV: reading a file, and the import's preview naming every bad row (docs/catalogue.md §4). */
import { describe, expect, it } from "vitest";
import { catalogueCsv } from "@/lib/catalogue/export";
import { parseCsv } from "@/lib/catalogue/csv-parse";
import { previewImport, type CatalogueSnapshot } from "@/lib/catalogue/csv-import";
import { importProblemText } from "@/lib/catalogue/import-problems";

const empty: CatalogueSnapshot = { items: [], categories: [] };
const HEADER = "id,name,name_zh,price,category,barcode,active";

describe("parseCsv", () => {
  it("reads quotes, doubled quotes, line breaks in cells, CRLF, a BOM and our formula guard", () => {
    const parsed = parseCsv('\uFEFFa,b\r\n"x, ""y""","two\nlines"\r\n\'=1+1,\'plain\r\n\r\n');
    expect(parsed).toEqual({
      ok: true,
      records: [
        { line: 1, cells: ["a", "b"] },
        { line: 2, cells: ['x, "y"', "two\nlines"] },
        { line: 4, cells: ["=1+1", "'plain"] },
      ],
    });
  });

  it("names the line of a quote that is never closed", () => {
    expect(parseCsv('a,b\n1,"open\n2,3\n')).toEqual({ ok: false, unclosedQuoteLine: 2 });
  });
});

describe("previewImport", () => {
  it("plans a clean file: new items, categories to create, prices in minor units, canonical barcodes", () => {
    const csv = [HEADER, ",Latte,鮮奶咖啡,38,Coffee,036000291452,1", ",Scone,,22.5,Pastry,,0"].join("\n");
    const plan = previewImport(csv, { items: [], categories: [{ name: "coffee" }] }, "HKD");
    expect(plan.problems).toEqual([]);
    expect(plan.rows).toBe(2);
    expect(plan.creates).toEqual([
      { name: "Latte", nameZh: "鮮奶咖啡", price: 3800, category: "Coffee", barcode: "0036000291452", active: true },
      { name: "Scone", nameZh: null, price: 2250, category: "Pastry", barcode: null, active: false },
    ]);
    expect(plan.newCategories).toEqual([{ name: "Pastry", nameZh: null }]);
  });

  it("names every bad row with its line, column and problem", () => {
    const csv = [
      HEADER,
      ",,,38,,,1", // line 2: no name
      ",Tea,,3.999,,,1", // line 3: too many decimals
      ",Cake,,20,,4006381333932,1", // line 4: bad check digit
      ",Pie,,20,,4006381333931,maybe", // line 5: active
      ",Pie 2,,20,,4006381333931,1", // line 6: same barcode as line 5
      "nope,Bun,,10,,,1", // line 7: unknown id
      ",Short row", // line 8: cell count
      ",Taken,,10,,96385074,1", // line 9: another item has it
    ].join("\r\n");
    const plan = previewImport(csv, { items: [{ id: "old", barcode: "96385074" }], categories: [] }, "HKD");
    expect(plan.problems).toEqual([
      { line: 2, column: "name", problem: "required" },
      { line: 3, column: "price", problem: "bad_price" },
      { line: 4, column: "barcode", problem: "bad_barcode" },
      { line: 5, column: "active", problem: "bad_active" },
      { line: 6, column: "barcode", problem: "barcode_twice_in_file" },
      { line: 7, column: "id", problem: "unknown_id" },
      { line: 8, column: null, problem: "wrong_cell_count" },
      { line: 9, column: "barcode", problem: "barcode_taken" },
    ]);
  });

  it("lets the file move a barcode from an item it also changes", () => {
    const csv = ["id,name,price,barcode", "a,Old,10,", ",New,12,96385074"].join("\n");
    const plan = previewImport(csv, { items: [{ id: "a", barcode: "96385074" }], categories: [] }, "HKD");
    expect(plan.problems).toEqual([]);
  });

  it("refuses a header without the required columns or with unknown ones, and an empty file", () => {
    expect(previewImport("name,colour,flavour\nLatte,blue,x", empty, "HKD").problems).toEqual([
      { line: 1, column: "flavour", problem: "unknown_column" },
      { line: 1, column: "id", problem: "missing_column" },
      { line: 1, column: "price", problem: "missing_column" },
    ]);
    expect(previewImport("", empty, "HKD").problems).toEqual([{ line: null, column: null, problem: "empty_file" }]);
    expect(previewImport("id,name,price\n", empty, "HKD").problems).toEqual([
      { line: null, column: null, problem: "empty_file" },
    ]);
  });

  it("words a problem in the cashier's language", () => {
    expect(importProblemText("required", "name", "en")).toBe("name is required.");
    expect(importProblemText("required", "name", "zh-HK")).toBe("必須填寫 name。");
  });
});

describe("export", () => {
  it("writes both languages with a BOM and formula-safe cells, and reads back as the same items", () => {
    const at = "2026-01-01T00:00:00.000Z";
    const csv = catalogueCsv(
      [
        {
          id: "i1",
          name: "=HYPERLINK()",
          nameZh: "鮮奶咖啡",
          price: 3850,
          currency: "HKD",
          category: "c1",
          barcode: "4006381333931",
          shortCode: "LT",
          colour: "blue",
          options: [],
          active: true,
          sortOrder: -3,
          createdAt: at,
          updatedAt: at,
        },
      ],
      [{ id: "c1", name: "Coffee", nameZh: "咖啡", active: true, sortOrder: 0, createdAt: at, updatedAt: at }],
    );
    expect(
      csv.startsWith(
        "\uFEFFid,name,name_zh,price,category,category_zh,barcode,short_code,colour,active,sort_order\r\n",
      ),
    ).toBe(true);
    expect(csv).toContain("i1,'=HYPERLINK(),鮮奶咖啡,38.50,Coffee,咖啡,4006381333931,LT,blue,1,'-3\r\n");
    const plan = previewImport(
      csv,
      { items: [{ id: "i1", barcode: "4006381333931" }], categories: [{ name: "Coffee" }] },
      "HKD",
    );
    expect(plan.problems).toEqual([]);
    expect(plan.updates).toEqual([
      {
        id: "i1",
        name: "=HYPERLINK()",
        nameZh: "鮮奶咖啡",
        price: 3850,
        category: "Coffee",
        barcode: "4006381333931",
        shortCode: "LT",
        colour: "blue",
        active: true,
        sortOrder: -3,
      },
    ]);
  });
});
