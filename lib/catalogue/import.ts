/**
 * The catalogue CSV import (docs/catalogue.md §4): the preview of lib/catalogue/csv-import.ts
 * against the catalogue read in the same transaction, and, for a clean file that is no dry run,
 * every category and item written in that one transaction with one audit row. A file with a
 * problem writes nothing.
 */
import "server-only";
import type { Selectable } from "kysely";
import { recordAudit } from "@/lib/audit/record";
import type { CatalogueImportAnswer } from "@/lib/contract/catalogue";
import { ledgerTransaction, nowIso } from "@/lib/db/audited-write";
import type { CatalogueItemsTable } from "@/lib/db/schema";
import type { Locale } from "@/lib/i18n/locales";
import { previewImport, type ImportedFields } from "./csv-import";
import { importProblemText } from "./import-problems";
import { newCatalogueId } from "./rules";
import { newCategoryRow, type CatalogueActor } from "./store";

export type ImportOptions = { dryRun: boolean; currency: string; locale: Locale };

export async function importCatalogue(
  actor: CatalogueActor,
  csv: string,
  options: ImportOptions,
): Promise<CatalogueImportAnswer> {
  return ledgerTransaction(async (trx) => {
    const items = await trx.selectFrom("catalogue_items").select(["id", "barcode"]).execute();
    const categories = await trx.selectFrom("catalogue_categories").select(["id", "name"]).execute();
    const plan = previewImport(csv, { items, categories }, options.currency);
    const answer: CatalogueImportAnswer = {
      applied: false,
      dryRun: options.dryRun,
      rows: plan.rows,
      created: plan.creates.length,
      updated: plan.updates.length,
      categoriesCreated: plan.newCategories.length,
      problems: plan.problems.map((p) => ({ ...p, message: importProblemText(p.problem, p.column, options.locale) })),
    };
    if (plan.problems.length || options.dryRun) return answer;

    const at = nowIso();
    const categoryId = new Map(categories.map((c) => [c.name.toLowerCase(), c.id]));
    for (const category of plan.newCategories) {
      const row = newCategoryRow({ name: category.name, nameZh: category.nameZh }, at);
      await trx.insertInto("catalogue_categories").values(row).execute();
      categoryId.set(category.name.toLowerCase(), row.id);
    }
    const columns = (fields: ImportedFields): Partial<Selectable<CatalogueItemsTable>> => {
      const set: Partial<Selectable<CatalogueItemsTable>> = { name: fields.name, price: fields.price };
      if (fields.nameZh !== undefined) set.name_zh = fields.nameZh;
      if (fields.category !== undefined)
        set.category_id = fields.category ? categoryId.get(fields.category.toLowerCase())! : null;
      if (fields.barcode !== undefined) set.barcode = fields.barcode;
      if (fields.shortCode !== undefined) set.short_code = fields.shortCode;
      if (fields.colour !== undefined) set.colour = fields.colour;
      if (fields.active !== undefined) set.active = fields.active ? 1 : 0;
      if (fields.sortOrder !== undefined) set.sort_order = fields.sortOrder;
      return set;
    };
    // Barcodes the file moves between items are cleared first: the unique index holds at every step.
    const moving = plan.updates.filter((u) => u.barcode !== undefined).map((u) => u.id);
    if (moving.length)
      await trx.updateTable("catalogue_items").set({ barcode: null }).where("id", "in", moving).execute();
    for (const update of plan.updates) {
      await trx
        .updateTable("catalogue_items")
        .set({ ...columns(update), updated_at: at })
        .where("id", "=", update.id)
        .execute();
    }
    for (const create of plan.creates) {
      await trx
        .insertInto("catalogue_items")
        .values({
          id: newCatalogueId(),
          name_zh: null,
          currency: options.currency,
          category_id: null,
          barcode: null,
          short_code: null,
          colour: null,
          options_json: "[]",
          sort_order: 0,
          active: 1,
          ...columns(create),
          name: create.name,
          price: create.price,
          created_at: at,
          updated_at: at,
        })
        .execute();
    }
    await recordAudit(trx, {
      action: "catalogue_import",
      actor: { id: actor.id, username: actor.username },
      deviceId: actor.deviceId ?? null,
      address: actor.address ?? null,
      at,
      detail: {
        rows: plan.rows,
        created: answer.created,
        updated: answer.updated,
        categories: answer.categoriesCreated,
      },
    });
    return { ...answer, applied: true };
  });
}
