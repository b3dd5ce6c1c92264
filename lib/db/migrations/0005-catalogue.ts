import type { Kysely, Migration } from "kysely";
import type { DialectName } from "./index";

/**
 * Issue 12: the catalogue (docs/catalogue.md §1). Categories and items, each named in English and
 * Chinese; an item's price in minor units; its option groups (size, oat milk) as one JSON column,
 * read and written whole with the item. Nothing here is ever deleted (a past order names its items):
 * a row is deactivated. The barcode is stored in its one canonical form (lib/contract/barcode.ts),
 * so the unique index makes a UPC-A and its EAN-13 the same barcode.
 */
export function catalogue(_dialect: DialectName): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("catalogue_categories")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("name_zh", "text")
        .addColumn("sort_order", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("active", "integer", (c) => c.notNull().defaultTo(1))
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();

      await db.schema
        .createTable("catalogue_items")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("name_zh", "text")
        .addColumn("price", "integer", (c) => c.notNull())
        .addColumn("currency", "text", (c) => c.notNull())
        .addColumn("category_id", "text")
        .addColumn("barcode", "text")
        .addColumn("short_code", "text")
        .addColumn("colour", "text")
        /** The item's option groups as JSON (lib/contract/catalogue.ts `optionGroup`). */
        .addColumn("options_json", "text", (c) => c.notNull().defaultTo("[]"))
        .addColumn("sort_order", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("active", "integer", (c) => c.notNull().defaultTo(1))
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();
      // Unique where set: both databases let any number of rows have no barcode.
      await db.schema.createIndex("catalogue_items_barcode").on("catalogue_items").column("barcode").unique().execute();
      await db.schema
        .createIndex("catalogue_items_category")
        .on("catalogue_items")
        .columns(["category_id", "sort_order"])
        .execute();
    },
  };
}
