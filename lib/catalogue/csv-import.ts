/**
 * The catalogue CSV import's preview (docs/catalogue.md §4): reads the whole file against the
 * catalogue as it is, names every problem (line, column, code), and says what a clean file would
 * do: the items to add and change, the categories to create. Pure: lib/catalogue/import.ts reads
 * the catalogue and writes the plan in one transaction.
 */
import { canonicalBarcode } from "@/lib/contract/barcode";
import {
  MAX_NAME_LENGTH,
  MAX_SHORT_CODE_LENGTH,
  QUICK_KEY_COLOURS,
  type ImportProblemCode,
  type QuickKeyColour,
} from "@/lib/contract/catalogue";
import { MAX_AMOUNT_MINOR, parseDecimalToMinor } from "@/lib/money";
import { CSV_COLUMNS, REQUIRED_CSV_COLUMNS, type CsvColumn } from "./csv-columns";
import { parseCsv } from "./csv-parse";

/** More rows than a café's menu has by far; a bigger file is a mistake, not a catalogue. */
export const MAX_IMPORT_ROWS = 5000;

type FoundProblem = { line: number | null; column: string | null; problem: ImportProblemCode };

/** One row's item fields; only the columns the file has are set. */
export type ImportedFields = {
  name: string;
  nameZh?: string | null;
  price: number;
  /** The category's English name, matched case-insensitively; null for none. */
  category?: string | null;
  barcode?: string | null;
  shortCode?: string | null;
  colour?: QuickKeyColour | null;
  active?: boolean;
  sortOrder?: number;
};

type ImportPlan = {
  rows: number;
  creates: ImportedFields[];
  updates: Array<ImportedFields & { id: string }>;
  /** Categories named by the file that the catalogue lacks, with the Chinese name the file gives. */
  newCategories: Array<{ name: string; nameZh: string | null }>;
  problems: FoundProblem[];
};

/** What the import needs to know of the catalogue as it is. */
export type CatalogueSnapshot = {
  items: ReadonlyArray<{ id: string; barcode: string | null }>;
  categories: ReadonlyArray<{ name: string }>;
};

const ACTIVE_WORDS: Readonly<Record<string, boolean>> = {
  "1": true,
  true: true,
  yes: true,
  "0": false,
  false: false,
  no: false,
};

export function previewImport(text: string, catalogue: CatalogueSnapshot, currency: string): ImportPlan {
  const plan: ImportPlan = { rows: 0, creates: [], updates: [], newCategories: [], problems: [] };
  const problem = (line: number | null, column: string | null, code: ImportProblemCode) =>
    plan.problems.push({ line, column, problem: code });

  const parsed = parseCsv(text);
  if (!parsed.ok) {
    problem(parsed.unclosedQuoteLine, null, "unclosed_quote");
    return plan;
  }
  const [header, ...records] = parsed.records;
  if (!header) {
    problem(null, null, "empty_file");
    return plan;
  }
  const columns = new Map<CsvColumn, number>();
  header.cells.forEach((raw, index) => {
    const name = raw.trim().toLowerCase();
    if (!(CSV_COLUMNS as readonly string[]).includes(name)) problem(header.line, raw, "unknown_column");
    else if (columns.has(name as CsvColumn)) problem(header.line, name, "column_twice");
    else columns.set(name as CsvColumn, index);
  });
  for (const column of REQUIRED_CSV_COLUMNS) if (!columns.has(column)) problem(header.line, column, "missing_column");
  if (plan.problems.length) return plan;
  if (records.length === 0) {
    problem(null, null, "empty_file");
    return plan;
  }
  if (records.length > MAX_IMPORT_ROWS) {
    problem(null, null, "too_many_rows");
    return plan;
  }
  plan.rows = records.length;

  const knownIds = new Set(catalogue.items.map((i) => i.id));
  const holderOf = new Map(catalogue.items.flatMap((i) => (i.barcode ? [[i.barcode, i.id] as const] : [])));
  const knownCategories = new Set(catalogue.categories.map((c) => c.name.toLowerCase()));
  const newCategories = new Map<string, { name: string; nameZh: string | null }>();
  const idsSeen = new Set<string>();
  /** Barcode → the line that gave it first. */
  const barcodesSeen = new Map<string, number>();
  /** Items of the file whose barcode it sets (and so frees the old one). */
  const barcodeSetBy = new Map<string, string | null>();
  const rowBarcodes: Array<{ line: number; id: string | null; barcode: string }> = [];

  for (const record of records) {
    const { line } = record;
    if (record.cells.length !== header.cells.length) {
      problem(line, null, "wrong_cell_count");
      continue;
    }
    const cell = (column: CsvColumn): string | undefined => {
      const index = columns.get(column);
      return index === undefined ? undefined : record.cells[index]!.trim();
    };
    const optional = (column: CsvColumn, max: number): string | null | undefined => {
      const value = cell(column);
      if (value === undefined) return undefined;
      if (value.length > max) problem(line, column, "too_long");
      return value === "" ? null : value;
    };

    const id = cell("id") || null;
    if (id !== null) {
      if (!knownIds.has(id)) problem(line, "id", "unknown_id");
      else if (idsSeen.has(id)) problem(line, "id", "id_twice_in_file");
      idsSeen.add(id);
    }
    const name = cell("name") ?? "";
    if (name === "") problem(line, "name", "required");
    else if (name.length > MAX_NAME_LENGTH) problem(line, "name", "too_long");
    const priceText = cell("price") ?? "";
    const price = priceText === "" ? null : parseDecimalToMinor(priceText, currency);
    if (priceText === "") problem(line, "price", "required");
    else if (price === null || price > MAX_AMOUNT_MINOR) problem(line, "price", "bad_price");

    const fields: ImportedFields = { name, price: price ?? 0 };
    const nameZh = optional("name_zh", MAX_NAME_LENGTH);
    if (nameZh !== undefined) fields.nameZh = nameZh;
    const category = optional("category", MAX_NAME_LENGTH);
    if (category !== undefined) {
      fields.category = category;
      const key = category?.toLowerCase();
      if (category && key && !knownCategories.has(key) && !newCategories.has(key)) {
        newCategories.set(key, { name: category, nameZh: optional("category_zh", MAX_NAME_LENGTH) ?? null });
      }
    }
    const barcodeText = cell("barcode");
    if (barcodeText !== undefined) {
      fields.barcode = null;
      if (barcodeText !== "") {
        const result = canonicalBarcode(barcodeText);
        if (!result.ok) problem(line, "barcode", "bad_barcode");
        else {
          fields.barcode = result.barcode.code;
          if (barcodesSeen.has(result.barcode.code)) problem(line, "barcode", "barcode_twice_in_file");
          else {
            barcodesSeen.set(result.barcode.code, line);
            rowBarcodes.push({ line, id, barcode: result.barcode.code });
          }
        }
      }
      if (id !== null) barcodeSetBy.set(id, fields.barcode);
    }
    const shortCode = optional("short_code", MAX_SHORT_CODE_LENGTH);
    if (shortCode !== undefined) fields.shortCode = shortCode;
    const colour = cell("colour");
    if (colour !== undefined) {
      const lower = colour.toLowerCase();
      if (lower === "") fields.colour = null;
      else if ((QUICK_KEY_COLOURS as readonly string[]).includes(lower)) fields.colour = lower as QuickKeyColour;
      else problem(line, "colour", "bad_colour");
    }
    const active = cell("active");
    if (active !== undefined) {
      const value = active === "" ? true : ACTIVE_WORDS[active.toLowerCase()];
      if (value === undefined) problem(line, "active", "bad_active");
      else fields.active = value;
    }
    const sort = cell("sort_order");
    if (sort !== undefined) {
      if (sort === "") fields.sortOrder = 0;
      else if (!/^-?\d{1,7}$/.test(sort) || Math.abs(Number(sort)) > 1_000_000)
        problem(line, "sort_order", "bad_sort_order");
      else fields.sortOrder = Number(sort);
    }
    if (id !== null) plan.updates.push({ ...fields, id });
    else plan.creates.push(fields);
  }

  // A barcode held by an item the file leaves alone, or gives it again, is taken.
  for (const { line, id, barcode } of rowBarcodes) {
    const holder = holderOf.get(barcode);
    if (holder === undefined || holder === id) continue;
    const freed = barcodeSetBy.has(holder) && barcodeSetBy.get(holder) !== barcode;
    if (!freed) problem(line, "barcode", "barcode_taken");
  }
  plan.newCategories = [...newCategories.values()];
  plan.problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return plan;
}
