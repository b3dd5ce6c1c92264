/**
 * The catalogue on a real database (SQLite, or PostgreSQL with TEST_DATABASE_URL; docs/catalogue.md):
 * add and change items and categories, one barcode per item in its canonical form, who may see
 * inactive rows, an audit row with every change, and a CSV import that is all or nothing.
 */
import { randomInt } from "node:crypto";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setUpLedger, type LedgerHarness } from "../../support/ledger-harness";

let harness: LedgerHarness;
let m: typeof import("@/lib/db") &
  typeof import("@/lib/catalogue/store") &
  typeof import("@/lib/http/catalogue-route") &
  typeof import("@/lib/catalogue/import") &
  typeof import("@/lib/catalogue/demo-menu") &
  typeof import("@/lib/errors");

beforeAll(async () => {
  harness = await setUpLedger();
  m = {
    ...(await import("@/lib/db")),
    ...(await import("@/lib/catalogue/store")),
    ...(await import("@/lib/http/catalogue-route")),
    ...(await import("@/lib/catalogue/import")),
    ...(await import("@/lib/catalogue/demo-menu")),
    ...(await import("@/lib/errors")),
  };
});
afterAll(async () => harness?.close());

const manager = { id: "u-manager", username: "mgr", deviceId: "dev-1", address: "10.0.0.5" };
/** A valid EAN-13 nobody has used in this file yet: 12 random digits and their check digit. */
async function freshEan13(): Promise<string> {
  const { gs1CheckDigit } = await import("@/lib/contract/barcode");
  const data = `48${String(randomInt(1e10)).padStart(10, "0")}`;
  return `${data}${gs1CheckDigit(data)}`;
}

async function auditRows(subject: string) {
  const db = await m.getDb();
  return db.selectFrom("audit_events").selectAll().where("subject", "=", subject).orderBy("id").execute();
}

async function refusal(run: () => Promise<unknown>): Promise<{ reason: string | null; status: number }> {
  try {
    await run();
  } catch (error) {
    if (error instanceof m.AppError) return { reason: error.reason, status: error.httpStatus };
    throw error;
  }
  throw new Error("expected a refusal");
}

// First: the demo menu is seeded into an empty catalogue only.
describe("the demo menu", () => {
  it("seeds a café menu in both languages once, with valid barcodes and a size and oat-milk option", async () => {
    const { canonicalBarcode } = await import("@/lib/contract/barcode");
    const db = await m.getDb();
    await m.seedDemoMenu(db, "HKD");
    const categories = await m.listCategories(db);
    const items = await m.listItems(db);
    expect(categories.map((c) => c.name)).toEqual(["Coffee", "Tea", "Milk tea", "Pastries"]);
    expect(categories.every((c) => c.nameZh)).toBe(true);
    expect(items.length).toBeGreaterThanOrEqual(10);
    expect(items.every((i) => i.nameZh && i.category && i.currency === "HKD" && i.price > 0)).toBe(true);
    const barcodes = items.flatMap((i) => (i.barcode ? [i.barcode] : []));
    expect(barcodes.length).toBeGreaterThanOrEqual(3);
    for (const barcode of barcodes)
      expect(canonicalBarcode(barcode)).toEqual({ ok: true, barcode: { kind: "ean13", code: barcode } });
    const latte = items.find((i) => i.name === "Latte")!;
    expect(latte.options.map((g) => [g.kind, g.choices.map((c) => [c.name, c.nameZh, c.priceDelta])])).toEqual([
      [
        "single",
        [
          ["Regular", "標準", 0],
          ["Large", "大杯", 500],
        ],
      ],
      ["multiple", [["Oat milk", "燕麥奶", 500]]],
    ]);

    // Seeding again (a restart, a second instance) writes nothing, even once the menu was changed.
    await m.patchItem(manager, latte.id, { active: false });
    await m.seedDemoMenu(db, "HKD");
    expect(await m.listCategories(db, { includeInactive: true })).toHaveLength(categories.length);
    expect(await m.listItems(db, { includeInactive: true })).toHaveLength(items.length);
  });
});

describe("items", () => {
  it("adds an item with its id, in its canonical barcode, and audits who did it", async () => {
    const category = await m.createCategory(manager, { name: "Coffee", nameZh: "咖啡" });
    const ean = await freshEan13();
    const item = await m.createItem(
      manager,
      {
        name: "Latte",
        nameZh: "鮮奶咖啡",
        price: 3800,
        category: category.id,
        barcode: ean,
        colour: "orange",
        options: [
          {
            name: "Size",
            kind: "single",
            choices: [{ name: "Regular" }, { name: "Large", priceDelta: 500 }],
          },
          { name: "Milk", kind: "multiple", choices: [{ name: "Oat milk", nameZh: "燕麥奶", priceDelta: 500 }] },
        ],
      },
      "HKD",
    );
    expect(item).toMatchObject({
      name: "Latte",
      nameZh: "鮮奶咖啡",
      price: 3800,
      currency: "HKD",
      category: category.id,
      barcode: ean,
      colour: "orange",
      active: true,
    });
    expect(item.id).toBeTruthy();
    expect(item.options[0]!.choices.map((c) => c.priceDelta)).toEqual([0, 500]);
    expect(item.options.every((g) => g.id && g.choices.every((c) => c.id))).toBe(true);

    const listed = await m.listItems(await m.getDb());
    expect(listed.find((i) => i.id === item.id)).toEqual(item);

    const rows = await auditRows(item.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: "catalogue_item_add",
      outcome: "ok",
      actor_username: "mgr",
      device_id: "dev-1",
    });
    expect(JSON.parse(rows[0]!.detail!)).toMatchObject({ name: "Latte", price: 3800, barcode: ean });
  });

  it("refuses a barcode another item has, in any of its forms, with 409 and nothing written", async () => {
    const db = await m.getDb();
    // 036000291452 is UPC-A; its EAN-13 form is 0036000291452.
    const first = await m.createItem(
      manager,
      { name: `Soda ${randomInt(1e6)}`, price: 1200, barcode: "036000291452" },
      "HKD",
    );
    expect(first.barcode).toBe("0036000291452");
    const before = await db.selectFrom("catalogue_items").select(db.fn.countAll().as("n")).executeTakeFirstOrThrow();
    const auditBefore = await db.selectFrom("audit_events").select(db.fn.countAll().as("n")).executeTakeFirstOrThrow();
    expect(
      await refusal(() => m.createItem(manager, { name: "Copy", price: 1, barcode: "0036000291452" }, "HKD")),
    ).toEqual({
      reason: "catalogue_barcode_taken",
      status: 409,
    });
    const other = await m.createItem(manager, { name: "Other", price: 1 }, "HKD");
    expect(await refusal(() => m.patchItem(manager, other.id, { barcode: "036000291452" }))).toEqual({
      reason: "catalogue_barcode_taken",
      status: 409,
    });
    // The same item keeping its own barcode is no conflict.
    await expect(m.patchItem(manager, first.id, { barcode: "036000291452", price: 1300 })).resolves.toMatchObject({
      price: 1300,
    });
    const after = await db.selectFrom("catalogue_items").select(db.fn.countAll().as("n")).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n) + 1);
    const auditAfter = await db.selectFrom("audit_events").select(db.fn.countAll().as("n")).executeTakeFirstOrThrow();
    expect(Number(auditAfter.n)).toBe(Number(auditBefore.n) + 2);
  });

  it("refuses a bad check digit and an unknown category with a 400", async () => {
    expect(
      await refusal(() => m.createItem(manager, { name: "X", price: 1, barcode: "4006381333932" }, "HKD")),
    ).toEqual({
      reason: "catalogue_bad_barcode",
      status: 400,
    });
    expect(await refusal(() => m.createItem(manager, { name: "X", price: 1, category: "nope" }, "HKD"))).toEqual({
      reason: "catalogue_category_unknown",
      status: 400,
    });
  });

  it("changes only what a patch names, deactivates instead of deleting, and audits the change", async () => {
    const item = await m.createItem(manager, { name: "Scone", price: 2200, shortCode: "SC" }, "HKD");
    const changed = await m.patchItem(manager, item.id, { price: 2400, active: false });
    expect(changed).toMatchObject({ name: "Scone", shortCode: "SC", price: 2400, active: false });
    const db = await m.getDb();
    expect((await m.listItems(db)).some((i) => i.id === item.id)).toBe(false);
    expect((await m.listItems(db, { includeInactive: true })).find((i) => i.id === item.id)).toEqual(changed);
    const rows = await auditRows(item.id);
    expect(rows.map((r) => r.action)).toEqual(["catalogue_item_add", "catalogue_item_change"]);
    expect(JSON.parse(rows[1]!.detail!)).toMatchObject({ changed: "price,active", price: 2400, active: false });
    // A patch that changes nothing writes nothing.
    await m.patchItem(manager, item.id, { price: 2400 });
    expect(await auditRows(item.id)).toHaveLength(2);
    expect(await refusal(() => m.patchItem(manager, "no-such-item", { price: 1 }))).toEqual({
      reason: "catalogue_item_not_found",
      status: 404,
    });
  });

  it("refuses two option choices with one id", async () => {
    const options = [
      {
        name: "Size",
        kind: "single" as const,
        choices: [
          { id: "s", name: "Small" },
          { id: "s", name: "Large" },
        ],
      },
    ];
    expect(await refusal(() => m.createItem(manager, { name: "Tea", price: 2000, options }, "HKD"))).toEqual({
      reason: "invalid_field",
      status: 400,
    });
  });
});

describe("categories and roles", () => {
  it("adds, renames and hides a category, audited", async () => {
    const category = await m.createCategory(manager, { name: `Tea ${randomInt(1e6)}`, sortOrder: 2 });
    const hidden = await m.patchCategory(manager, category.id, { nameZh: "茶", active: false });
    expect(hidden).toMatchObject({ nameZh: "茶", active: false, sortOrder: 2 });
    const db = await m.getDb();
    expect((await m.listCategories(db)).some((c) => c.id === category.id)).toBe(false);
    expect((await m.listCategories(db, { includeInactive: true })).some((c) => c.id === category.id)).toBe(true);
    expect((await auditRows(category.id)).map((r) => r.action)).toEqual([
      "catalogue_category_add",
      "catalogue_category_change",
    ]);
    expect(await refusal(() => m.patchCategory(manager, "nope", { name: "X" }))).toEqual({
      reason: "catalogue_category_not_found",
      status: 404,
    });
  });

  it("lets a manager list inactive rows and refuses a cashier who asks", () => {
    const req = (query: string) => new NextRequest(`http://till.test/api/catalogue/items${query}`);
    const staff = (role: "cashier" | "manager" | "owner") => ({
      id: "u",
      username: "u",
      role,
      sessionId: "s",
      deviceId: "d",
      method: "password" as const,
    });
    expect(m.includeInactive(req(""), staff("cashier"))).toBe(false);
    expect(m.includeInactive(req("?inactive=1"), staff("manager"))).toBe(true);
    expect(m.includeInactive(req("?inactive=1"), staff("owner"))).toBe(true);
    expect(() => m.includeInactive(req("?inactive=1"), staff("cashier"))).toThrow(m.AppError);
    expect(() => m.includeInactive(req("?inactive=yes"), staff("manager"))).toThrow(m.AppError);
  });
});

describe("CSV import", () => {
  const options = { dryRun: false, currency: "HKD", locale: "en" as const };

  async function counts() {
    const db = await m.getDb();
    const n = async (table: "catalogue_items" | "catalogue_categories" | "audit_events") =>
      Number((await db.selectFrom(table).select(db.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
    return {
      items: await n("catalogue_items"),
      categories: await n("catalogue_categories"),
      audit: await n("audit_events"),
    };
  }

  it("imports nothing from a file with one bad row, and names it", async () => {
    const before = await counts();
    const good = await freshEan13();
    const csv = ["id,name,price,category,barcode", `,Good ${good},10,Imported,${good}`, ",Bad,ten,Imported,"].join(
      "\n",
    );
    const answer = await m.importCatalogue(manager, csv, options);
    expect(answer).toMatchObject({ applied: false, dryRun: false, rows: 2, created: 2, categoriesCreated: 1 });
    expect(answer.problems).toEqual([
      {
        line: 3,
        column: "price",
        problem: "bad_price",
        message: "The price is not an amount (for example 38 or 38.50).",
      },
    ]);
    expect(await counts()).toEqual(before);
  });

  it("previews a clean file without writing on a dry run, then imports it in one transaction with one audit row", async () => {
    const db = await m.getDb();
    const existing = await m.createItem(manager, { name: "Mocha", price: 4000 }, "HKD");
    const ean = await freshEan13();
    const category = `Imported ${randomInt(1e6)}`;
    const csv = [
      "id,name,name_zh,price,category,category_zh,barcode,active",
      `${existing.id},Mocha,摩卡,42.50,${category},進口,,1`,
      `,Almond croissant,杏仁牛角包,24,${category},進口,${ean},1`,
    ].join("\r\n");
    const before = await counts();
    const preview = await m.importCatalogue(manager, csv, { ...options, dryRun: true, locale: "zh-HK" });
    expect(preview).toEqual({
      applied: false,
      dryRun: true,
      rows: 2,
      created: 1,
      updated: 1,
      categoriesCreated: 1,
      problems: [],
    });
    expect(await counts()).toEqual(before);

    const answer = await m.importCatalogue(manager, csv, options);
    expect(answer).toMatchObject({ applied: true, created: 1, updated: 1, categoriesCreated: 1, problems: [] });
    expect(await counts()).toEqual({
      items: before.items + 1,
      categories: before.categories + 1,
      audit: before.audit + 1,
    });
    const items = await m.listItems(db);
    const mocha = items.find((i) => i.id === existing.id)!;
    const croissant = items.find((i) => i.barcode === ean)!;
    expect(mocha).toMatchObject({ nameZh: "摩卡", price: 4250 });
    expect(croissant).toMatchObject({
      name: "Almond croissant",
      nameZh: "杏仁牛角包",
      price: 2400,
      category: mocha.category,
    });
    const created = (await m.listCategories(db)).find((c) => c.id === mocha.category);
    expect(created).toMatchObject({ name: category, nameZh: "進口" });
    const audit = await db.selectFrom("audit_events").selectAll().where("action", "=", "catalogue_import").execute();
    expect(audit.at(-1)).toMatchObject({ actor_username: "mgr", outcome: "ok" });
  });

  it("rolls the whole import back when a write fails part-way", async () => {
    // A write the preview cannot foresee fails on the last row (a unique index this test adds on
    // the short code): the category and the item written before it in the same import are undone too.
    const db = await m.getDb();
    const taken = `T${randomInt(1e9)}`;
    await m.createItem(manager, { name: "Taken", price: 100, shortCode: taken }, "HKD");
    await db.schema.createIndex("test_items_short_code").on("catalogue_items").column("short_code").unique().execute();
    try {
      const fresh = `Fresh ${randomInt(1e9)}`;
      const category = `Rolled back ${randomInt(1e9)}`;
      const csv = [
        "id,name,price,category,short_code",
        `,${fresh},10,${category},`,
        `,Late,10,${category},${taken}`,
      ].join("\n");
      const before = await counts();
      await expect(m.importCatalogue(manager, csv, options)).rejects.toThrow();
      expect(await counts()).toEqual(before);
      expect((await m.listItems(db)).some((i) => i.name === fresh)).toBe(false);
      expect((await m.listCategories(db)).some((c) => c.name === category)).toBe(false);
    } finally {
      await db.schema.dropIndex("test_items_short_code").execute();
    }
  });
});
