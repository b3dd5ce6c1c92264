/**
 * The catalogue CSV export (GET /api/catalogue/export.csv, docs/catalogue.md §4): every item, active
 * or not, both languages, in the columns the import reads back; written by the audit export's CSV
 * writer (UTF-8 with a byte-order mark, formula-safe cells: lib/audit/csv.ts). Pure.
 */
import { toCsv, type CsvCell } from "@/lib/audit/csv";
import type { CatalogueCategory, CatalogueItem } from "@/lib/contract/catalogue";
import { minorToDecimalString } from "@/lib/money";
import { CSV_COLUMNS } from "./csv-columns";

export function catalogueCsv(items: readonly CatalogueItem[], categories: readonly CatalogueCategory[]): string {
  const byId = new Map(categories.map((c) => [c.id, c]));
  const rows = items.map((item): CsvCell[] => {
    const category = item.category ? byId.get(item.category) : undefined;
    return [
      item.id,
      item.name,
      item.nameZh,
      minorToDecimalString(item.price, item.currency),
      category?.name,
      category?.nameZh,
      item.barcode,
      item.shortCode,
      item.colour,
      item.active ? 1 : 0,
      item.sortOrder,
    ];
  });
  return toCsv(CSV_COLUMNS, rows);
}
