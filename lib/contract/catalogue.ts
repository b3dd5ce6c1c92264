/**
 * The catalogue in the browser/server contract (issue 12, docs/catalogue.md): a category, an item
 * with its option groups, the lists, what `POST`/`PATCH /api/catalogue/items|categories` accept and
 * what a CSV import answers. zod/mini and no server imports: the browser loads this module
 * (docs/architecture.md §7.5). Lengths are capped against abuse and for the quick-key labels; the
 * barcode's own rules are lib/contract/barcode.ts, applied by the server.
 */
import * as z from "zod/mini";
import { MAX_AMOUNT_MINOR } from "../money";
import { textOrNull, validItems } from "./tolerant";

/** Quick-key colours: named, so the screen picks shades that keep their text readable in both themes. */
export const QUICK_KEY_COLOURS = ["grey", "red", "orange", "yellow", "green", "teal", "blue", "purple"] as const;
export type QuickKeyColour = (typeof QUICK_KEY_COLOURS)[number];

export const MAX_NAME_LENGTH = 60;
export const MAX_SHORT_CODE_LENGTH = 12;
/** A café's options fit well inside these; more is a menu the quick keys cannot show. */
const MAX_OPTION_GROUPS = 6;
const MAX_CHOICES = 12;

// ── Answers ─────────────────────────────────────────────────────────────────────────────────────

/** One choice of an option group: its words and what it adds to the item's price (minor units, ≥ 0). */
const optionChoice = z.object({
  id: z.string(),
  name: z.string(),
  nameZh: textOrNull,
  priceDelta: z.number(),
});

/**
 * An option group on an item (docs/catalogue.md §1): `single` is exactly one choice, the first
 * unless the customer picks another (a size); `multiple` is any number, none by default (oat milk,
 * an extra shot).
 */
const optionGroup = z.object({
  id: z.string(),
  name: z.string(),
  nameZh: textOrNull,
  kind: z.enum(["single", "multiple"]),
  choices: z.array(optionChoice),
});
export type OptionGroup = z.infer<typeof optionGroup>;

/** An item as the API shows it; also the JSON of `POST /api/catalogue/items` (201) and of its PATCH. */
export const catalogueItem = z.object({
  id: z.string(),
  name: z.string(),
  nameZh: textOrNull,
  /** Minor units of `currency` (lib/money.ts). */
  price: z.number(),
  currency: z.string(),
  /** The category's id. */
  category: textOrNull,
  /** The canonical form (lib/contract/barcode.ts). */
  barcode: textOrNull,
  shortCode: textOrNull,
  colour: z.catch(z.nullable(z.enum(QUICK_KEY_COLOURS)), null),
  options: z.array(optionGroup),
  active: z.boolean(),
  sortOrder: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CatalogueItem = z.infer<typeof catalogueItem>;

/** JSON of `GET /api/catalogue/items`. */
export const catalogueItemList = z.object({ items: validItems(catalogueItem) });
export type CatalogueItemList = z.infer<typeof catalogueItemList>;

/** A category as the API shows it; also the JSON of its POST (201) and PATCH. */
export const catalogueCategory = z.object({
  id: z.string(),
  name: z.string(),
  nameZh: textOrNull,
  active: z.boolean(),
  sortOrder: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CatalogueCategory = z.infer<typeof catalogueCategory>;

/** JSON of `GET /api/catalogue/categories`. */
export const catalogueCategoryList = z.object({ categories: validItems(catalogueCategory) });
export type CatalogueCategoryList = z.infer<typeof catalogueCategoryList>;

/** What is wrong with one cell (or the whole file) of a CSV import; the screen words it. */
export const IMPORT_PROBLEMS = [
  "empty_file",
  "too_many_rows",
  "missing_column",
  "unknown_column",
  "column_twice",
  "wrong_cell_count",
  "unclosed_quote",
  "required",
  "too_long",
  "bad_price",
  "bad_barcode",
  "barcode_twice_in_file",
  "barcode_taken",
  "unknown_id",
  "id_twice_in_file",
  "bad_colour",
  "bad_active",
  "bad_sort_order",
] as const;
export type ImportProblemCode = (typeof IMPORT_PROBLEMS)[number];

const importProblem = z.object({
  /** The file's line the row starts on (the header is line 1); null for the whole file. */
  line: z.nullable(z.number()),
  /** The column's header name; null for the whole row or file. */
  column: z.nullable(z.string()),
  problem: z.enum(IMPORT_PROBLEMS),
  /** The problem in the words of the request's language (the server's catalog). */
  message: z.string(),
});

/**
 * JSON of `POST /api/catalogue/import`: `applied` only when the file had no problem and this was no
 * dry run; the counts are what it did (or, in a dry run or with problems, would do).
 */
export const catalogueImportAnswer = z.object({
  applied: z.boolean(),
  dryRun: z.boolean(),
  rows: z.number(),
  created: z.number(),
  updated: z.number(),
  categoriesCreated: z.number(),
  problems: z.array(importProblem),
});
export type CatalogueImportAnswer = z.infer<typeof catalogueImportAnswer>;

// ── Requests ────────────────────────────────────────────────────────────────────────────────────

const name = z
  .string({ error: "name must be a string" })
  .check(z.trim(), z.minLength(1, "name is required"), z.maxLength(MAX_NAME_LENGTH, "name is too long"));
/** Optional text: empty or null clears it. */
const optionalText = (field: string, max: number) =>
  z.optional(
    z.pipe(
      z.nullable(
        z.string({ error: `${field} must be a string` }).check(z.trim(), z.maxLength(max, `${field} is too long`)),
      ),
      z.transform((v) => (v === "" || v === null ? null : v)),
    ),
  );
const price = z
  .number({ error: "price must be a number of minor units" })
  .check(
    z.int("price must be a whole number of minor units"),
    z.minimum(0, "price cannot be negative"),
    z.maximum(MAX_AMOUNT_MINOR, "price is too large"),
  );
const sortOrder = z
  .number({ error: "sortOrder must be a number" })
  .check(z.int("sortOrder must be a whole number"), z.minimum(-1_000_000), z.maximum(1_000_000));
const id = z.string({ error: "id must be a string" }).check(z.maxLength(64, "id is too long"));

const choiceInput = z.strictObject({
  id: z.optional(id),
  name,
  nameZh: optionalText("nameZh", MAX_NAME_LENGTH),
  priceDelta: z.optional(price),
});
const groupInput = z.strictObject({
  id: z.optional(id),
  name,
  nameZh: optionalText("nameZh", MAX_NAME_LENGTH),
  kind: z.enum(["single", "multiple"], { error: "kind must be single or multiple" }),
  choices: z
    .array(choiceInput)
    .check(z.minLength(1, "a group needs a choice"), z.maxLength(MAX_CHOICES, "too many choices")),
});
export type OptionGroupInput = z.infer<typeof groupInput>;
const options = z.array(groupInput).check(z.maxLength(MAX_OPTION_GROUPS, "too many option groups"));

const itemFields = {
  nameZh: optionalText("nameZh", MAX_NAME_LENGTH),
  category: z.optional(z.nullable(id)),
  barcode: optionalText("barcode", 64),
  shortCode: optionalText("shortCode", MAX_SHORT_CODE_LENGTH),
  colour: z.optional(z.nullable(z.enum(QUICK_KEY_COLOURS, { error: "colour is not one of the quick-key colours" }))),
  options: z.optional(options),
  active: z.optional(z.boolean({ error: "active must be true or false" })),
  sortOrder: z.optional(sortOrder),
};

/** `POST /api/catalogue/items`. */
export const newItemBody = z.strictObject({ name, price, ...itemFields });
export type NewItemBody = z.infer<typeof newItemBody>;

/** `PATCH /api/catalogue/items/{id}`: the fields to change; `options` replaces the whole list. */
export const itemPatchBody = z.strictObject({ name: z.optional(name), price: z.optional(price), ...itemFields });
export type ItemPatchBody = z.infer<typeof itemPatchBody>;

const categoryFields = {
  nameZh: optionalText("nameZh", MAX_NAME_LENGTH),
  active: z.optional(z.boolean({ error: "active must be true or false" })),
  sortOrder: z.optional(sortOrder),
};

/** `POST /api/catalogue/categories`. */
export const newCategoryBody = z.strictObject({ name, ...categoryFields });
export type NewCategoryBody = z.infer<typeof newCategoryBody>;

/** `PATCH /api/catalogue/categories/{id}`. */
export const categoryPatchBody = z.strictObject({ name: z.optional(name), ...categoryFields });
export type CategoryPatchBody = z.infer<typeof categoryPatchBody>;
