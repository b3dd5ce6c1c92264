/**
 * The catalogue's store (issue 12, docs/catalogue.md): list, add and change categories and items.
 * Nothing is deleted: an item a past order names is deactivated (`active: false`).
 *
 * Every change writes its audit row (who, what) with `recordAudit` in the change's own transaction,
 * not through the ledger's audited write (lib/db/audited-write.ts): that helper is for rows with a
 * status and a transition table (docs/architecture.md §2), and a catalogue row has neither. Sharing
 * the transaction keeps the rule of docs/architecture.md §2.1: neither the change nor its audit row
 * exists without the other.
 */
import "server-only";
import type { Kysely, Selectable, Transaction } from "kysely";
import { recordAudit, type AuditInput } from "@/lib/audit/record";
import type {
  CatalogueCategory,
  CatalogueItem,
  CategoryPatchBody,
  ItemPatchBody,
  NewCategoryBody,
  NewItemBody,
  OptionGroup,
  QuickKeyColour,
} from "@/lib/contract/catalogue";
import { ledgerTransaction, nowIso } from "@/lib/db/audited-write";
import type { CatalogueCategoriesTable, CatalogueItemsTable, Database } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { newCatalogueId, storedBarcode, storedOptions } from "./rules";

type Db = Kysely<Database> | Transaction<Database>;

/** Who changes the catalogue: their audit row names them, their device and address. */
export type CatalogueActor = {
  id: string;
  username: string;
  deviceId?: string | null;
  address?: string | null;
};

export function itemView(row: Selectable<CatalogueItemsTable>): CatalogueItem {
  return {
    id: row.id,
    name: row.name,
    nameZh: row.name_zh,
    price: row.price,
    currency: row.currency,
    category: row.category_id,
    barcode: row.barcode,
    shortCode: row.short_code,
    colour: row.colour as QuickKeyColour | null,
    options: JSON.parse(row.options_json) as OptionGroup[],
    active: row.active === 1,
    sortOrder: row.sort_order,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function categoryView(row: Selectable<CatalogueCategoriesTable>): CatalogueCategory {
  return {
    id: row.id,
    name: row.name,
    nameZh: row.name_zh,
    active: row.active === 1,
    sortOrder: row.sort_order,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Items by sort order then name; only active ones unless `includeInactive`. */
export async function listItems(db: Db, options: { includeInactive?: boolean } = {}): Promise<CatalogueItem[]> {
  let query = db.selectFrom("catalogue_items").selectAll();
  if (!options.includeInactive) query = query.where("active", "=", 1);
  const rows = await query.orderBy("sort_order").orderBy("name").orderBy("id").execute();
  return rows.map(itemView);
}

export async function listCategories(
  db: Db,
  options: { includeInactive?: boolean } = {},
): Promise<CatalogueCategory[]> {
  let query = db.selectFrom("catalogue_categories").selectAll();
  if (!options.includeInactive) query = query.where("active", "=", 1);
  const rows = await query.orderBy("sort_order").orderBy("name").orderBy("id").execute();
  return rows.map(categoryView);
}

function audit(actor: CatalogueActor, input: Omit<AuditInput, "actor" | "deviceId" | "address">): AuditInput {
  return {
    ...input,
    actor: { id: actor.id, username: actor.username },
    deviceId: actor.deviceId ?? null,
    address: actor.address ?? null,
  };
}

async function assertCategoryExists(trx: Db, id: string | null | undefined): Promise<void> {
  if (id === null || id === undefined) return;
  const found = await trx.selectFrom("catalogue_categories").select("id").where("id", "=", id).executeTakeFirst();
  if (!found) throw new AppError("catalogue_category_unknown", "the item names an unknown category", { category: id });
}

/** Refuses a barcode another item already has (the unique index is the last word, under a race). */
async function assertBarcodeFree(trx: Db, barcode: string | null, itemId: string | null): Promise<void> {
  if (barcode === null) return;
  const holder = await trx.selectFrom("catalogue_items").select("id").where("barcode", "=", barcode).executeTakeFirst();
  if (holder && holder.id !== itemId) throw barcodeTaken(barcode);
}

const barcodeTaken = (barcode: string) =>
  new AppError("catalogue_barcode_taken", `barcode ${barcode} is already on another item`, { barcode });

/** A unique-index violation: another request gave the same barcode in the meantime. */
function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === "23505" || code === "SQLITE_CONSTRAINT_UNIQUE";
}

async function catchingBarcodeRace<R>(barcode: string | null | undefined, run: () => Promise<R>): Promise<R> {
  try {
    return await run();
  } catch (error) {
    if (barcode && isUniqueViolation(error)) throw barcodeTaken(barcode);
    throw error;
  }
}

/** The row of a new item, its fields checked (barcode form, category, options). */
export async function newItemRow(
  trx: Db,
  input: NewItemBody,
  currency: string,
  at: string,
): Promise<Selectable<CatalogueItemsTable>> {
  const barcode = storedBarcode(input.barcode ?? null);
  await assertBarcodeFree(trx, barcode, null);
  await assertCategoryExists(trx, input.category);
  return {
    id: newCatalogueId(),
    name: input.name,
    name_zh: input.nameZh ?? null,
    price: input.price,
    currency,
    category_id: input.category ?? null,
    barcode,
    short_code: input.shortCode ?? null,
    colour: input.colour ?? null,
    options_json: JSON.stringify(storedOptions(input.options ?? [])),
    sort_order: input.sortOrder ?? 0,
    active: input.active === false ? 0 : 1,
    created_at: at,
    updated_at: at,
  };
}

export async function createItem(actor: CatalogueActor, input: NewItemBody, currency: string): Promise<CatalogueItem> {
  const barcode = input.barcode ? storedBarcode(input.barcode) : null;
  return catchingBarcodeRace(barcode, () =>
    ledgerTransaction(async (trx) => {
      const at = nowIso();
      const row = await newItemRow(trx, input, currency, at);
      await trx.insertInto("catalogue_items").values(row).execute();
      await recordAudit(
        trx,
        audit(actor, {
          action: "catalogue_item_add",
          subject: row.id,
          at,
          detail: { name: row.name, price: row.price, barcode: row.barcode },
        }),
      );
      return itemView(row);
    }),
  );
}

/** The columns a patch changes, its fields checked; only what it names. */
export async function itemPatchColumns(
  trx: Db,
  id: string,
  patch: ItemPatchBody,
): Promise<Partial<Selectable<CatalogueItemsTable>>> {
  const set: Partial<Selectable<CatalogueItemsTable>> = {};
  if (patch.name !== undefined) set.name = patch.name;
  if (patch.nameZh !== undefined) set.name_zh = patch.nameZh;
  if (patch.price !== undefined) set.price = patch.price;
  if (patch.category !== undefined) {
    await assertCategoryExists(trx, patch.category);
    set.category_id = patch.category;
  }
  if (patch.barcode !== undefined) {
    set.barcode = storedBarcode(patch.barcode);
    await assertBarcodeFree(trx, set.barcode, id);
  }
  if (patch.shortCode !== undefined) set.short_code = patch.shortCode;
  if (patch.colour !== undefined) set.colour = patch.colour;
  if (patch.options !== undefined) set.options_json = JSON.stringify(storedOptions(patch.options));
  if (patch.active !== undefined) set.active = patch.active ? 1 : 0;
  if (patch.sortOrder !== undefined) set.sort_order = patch.sortOrder;
  return set;
}

export async function patchItem(actor: CatalogueActor, id: string, patch: ItemPatchBody): Promise<CatalogueItem> {
  const barcode = patch.barcode ? storedBarcode(patch.barcode) : null;
  return catchingBarcodeRace(barcode, () =>
    ledgerTransaction(async (trx) => {
      const current = await trx.selectFrom("catalogue_items").selectAll().where("id", "=", id).executeTakeFirst();
      if (!current) throw new AppError("catalogue_item_not_found", "no catalogue item with that id");
      const set = await itemPatchColumns(trx, id, patch);
      const changed = Object.keys(set).filter((k) => set[k as keyof typeof set] !== current[k as keyof typeof current]);
      if (changed.length === 0) return itemView(current);
      const at = nowIso();
      await trx
        .updateTable("catalogue_items")
        .set({ ...set, updated_at: at })
        .where("id", "=", id)
        .execute();
      await recordAudit(
        trx,
        audit(actor, {
          action: "catalogue_item_change",
          subject: id,
          at,
          detail: { name: set.name ?? current.name, changed: changed.join(","), ...changedFacts(set) },
        }),
      );
      return itemView({ ...current, ...set, updated_at: at });
    }),
  );
}

/** The new values worth keeping in the audit row (a price, a barcode, active): short facts only. */
function changedFacts(set: Partial<Selectable<CatalogueItemsTable>>): Record<string, string | number | boolean | null> {
  const facts: Record<string, string | number | boolean | null> = {};
  if (set.price !== undefined) facts.price = set.price;
  if (set.barcode !== undefined) facts.barcode = set.barcode;
  if (set.active !== undefined) facts.active = set.active === 1;
  return facts;
}

export function newCategoryRow(input: NewCategoryBody, at: string): Selectable<CatalogueCategoriesTable> {
  return {
    id: newCatalogueId(),
    name: input.name,
    name_zh: input.nameZh ?? null,
    sort_order: input.sortOrder ?? 0,
    active: input.active === false ? 0 : 1,
    created_at: at,
    updated_at: at,
  };
}

export async function createCategory(actor: CatalogueActor, input: NewCategoryBody): Promise<CatalogueCategory> {
  return ledgerTransaction(async (trx) => {
    const at = nowIso();
    const row = newCategoryRow(input, at);
    await trx.insertInto("catalogue_categories").values(row).execute();
    await recordAudit(
      trx,
      audit(actor, { action: "catalogue_category_add", subject: row.id, at, detail: { name: row.name } }),
    );
    return categoryView(row);
  });
}

export async function patchCategory(
  actor: CatalogueActor,
  id: string,
  patch: CategoryPatchBody,
): Promise<CatalogueCategory> {
  return ledgerTransaction(async (trx) => {
    const current = await trx.selectFrom("catalogue_categories").selectAll().where("id", "=", id).executeTakeFirst();
    if (!current) throw new AppError("catalogue_category_not_found", "no catalogue category with that id");
    const set: Partial<Selectable<CatalogueCategoriesTable>> = {};
    if (patch.name !== undefined) set.name = patch.name;
    if (patch.nameZh !== undefined) set.name_zh = patch.nameZh;
    if (patch.active !== undefined) set.active = patch.active ? 1 : 0;
    if (patch.sortOrder !== undefined) set.sort_order = patch.sortOrder;
    const changed = Object.keys(set).filter((k) => set[k as keyof typeof set] !== current[k as keyof typeof current]);
    if (changed.length === 0) return categoryView(current);
    const at = nowIso();
    await trx
      .updateTable("catalogue_categories")
      .set({ ...set, updated_at: at })
      .where("id", "=", id)
      .execute();
    await recordAudit(
      trx,
      audit(actor, {
        action: "catalogue_category_change",
        subject: id,
        at,
        detail: { name: set.name ?? current.name, changed: changed.join(",") },
      }),
    );
    return categoryView({ ...current, ...set, updated_at: at });
  });
}
