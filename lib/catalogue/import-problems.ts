/**
 * Words for the CSV import's problem codes (lib/contract/catalogue.ts, docs/catalogue.md §4), from
 * the catalogs: the import's answer carries each problem's sentence in the request's language. Pure,
 * so a screen can word a code the same way. A new code does not type-check until it has its words.
 */
import type { ImportProblemCode } from "@/lib/contract/catalogue";
import type { Locale } from "@/lib/i18n/locales";
import type { MessageKey } from "@/lib/i18n/messages";
import { translate } from "@/lib/i18n/translate";
import { MAX_IMPORT_ROWS } from "./csv-import";
import "@/lib/i18n/catalog/catalogue";

const PROBLEM_TEXT: Record<ImportProblemCode, MessageKey> = {
  empty_file: "catalogue.problemEmptyFile",
  too_many_rows: "catalogue.problemTooManyRows",
  missing_column: "catalogue.problemMissingColumn",
  unknown_column: "catalogue.problemUnknownColumn",
  column_twice: "catalogue.problemColumnTwice",
  wrong_cell_count: "catalogue.problemWrongCellCount",
  unclosed_quote: "catalogue.problemUnclosedQuote",
  required: "catalogue.problemRequired",
  too_long: "catalogue.problemTooLong",
  bad_price: "catalogue.problemBadPrice",
  bad_barcode: "catalogue.problemBadBarcode",
  barcode_twice_in_file: "catalogue.problemBarcodeTwiceInFile",
  barcode_taken: "catalogue.problemBarcodeTaken",
  unknown_id: "catalogue.problemUnknownId",
  id_twice_in_file: "catalogue.problemIdTwiceInFile",
  bad_colour: "catalogue.problemBadColour",
  bad_active: "catalogue.problemBadActive",
  bad_sort_order: "catalogue.problemBadSortOrder",
};

export function importProblemText(problem: ImportProblemCode, column: string | null, locale: Locale): string {
  return translate(locale, PROBLEM_TEXT[problem], { column: column ?? "", max: MAX_IMPORT_ROWS });
}
