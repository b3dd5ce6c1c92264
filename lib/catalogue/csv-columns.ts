/**
 * The catalogue CSV's columns, shared by the export and the import (docs/catalogue.md §4): their
 * header names are part of the file format, in English whatever the person's language, so that a
 * file exported in one language imports in the other. Pure.
 */
export const CSV_COLUMNS = [
  "id",
  "name",
  "name_zh",
  "price",
  "category",
  "category_zh",
  "barcode",
  "short_code",
  "colour",
  "active",
  "sort_order",
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

/** Columns a file must have; the others keep an updated item's value when missing. */
export const REQUIRED_CSV_COLUMNS: readonly CsvColumn[] = ["id", "name", "price"];
