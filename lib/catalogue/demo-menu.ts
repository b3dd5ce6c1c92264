/**
 * The café menu demo mode ships (docs/catalogue.md §5), in both languages: coffee, tea, milk tea and
 * pastries, a size and an oat-milk option on the milk drinks, and EAN-13 barcodes (GS1 Hong Kong's
 * 489 prefix, valid check digits) on the packaged pastries so the scanner has something to find.
 * Fixed ids: two instances seeding one database write the same rows, and the second is refused.
 */
import "server-only";
import type { Kysely } from "kysely";
import type { OptionGroup, QuickKeyColour } from "@/lib/contract/catalogue";
import { ledgerTransaction, nowIso } from "@/lib/db/audited-write";
import type { Database } from "@/lib/db/schema";
import { parseDecimalToMinor } from "@/lib/money";

const CATEGORIES = [
  { id: "demo-coffee", name: "Coffee", nameZh: "咖啡" },
  { id: "demo-tea", name: "Tea", nameZh: "茶" },
  { id: "demo-milk-tea", name: "Milk tea", nameZh: "奶茶" },
  { id: "demo-pastries", name: "Pastries", nameZh: "糕點" },
];

/** Prices in the currency's major unit, made minor units at seeding (lib/money.ts). */
function options(currency: string, withMilk: boolean): OptionGroup[] {
  const five = parseDecimalToMinor("5", currency) ?? 0;
  const size: OptionGroup = {
    id: "size",
    name: "Size",
    nameZh: "杯型",
    kind: "single",
    choices: [
      { id: "regular", name: "Regular", nameZh: "標準", priceDelta: 0 },
      { id: "large", name: "Large", nameZh: "大杯", priceDelta: five },
    ],
  };
  const milk: OptionGroup = {
    id: "milk",
    name: "Milk",
    nameZh: "奶類",
    kind: "multiple",
    choices: [{ id: "oat", name: "Oat milk", nameZh: "燕麥奶", priceDelta: five }],
  };
  return withMilk ? [size, milk] : [size];
}

type DemoItem = {
  id: string;
  name: string;
  nameZh: string;
  price: string;
  category: string;
  colour: QuickKeyColour;
  barcode?: string;
  shortCode?: string;
  /** Which option groups: a size only, or a size and oat milk. */
  options?: "size" | "size+milk";
};

const ITEMS: DemoItem[] = [
  {
    id: "demo-espresso",
    name: "Espresso",
    nameZh: "意式濃縮咖啡",
    price: "28",
    category: "demo-coffee",
    colour: "orange",
    shortCode: "ES",
  },
  {
    id: "demo-americano",
    name: "Americano",
    nameZh: "美式咖啡",
    price: "32",
    category: "demo-coffee",
    colour: "orange",
    shortCode: "AM",
    options: "size",
  },
  {
    id: "demo-latte",
    name: "Latte",
    nameZh: "鮮奶咖啡",
    price: "38",
    category: "demo-coffee",
    colour: "orange",
    shortCode: "LT",
    options: "size+milk",
  },
  {
    id: "demo-cappuccino",
    name: "Cappuccino",
    nameZh: "卡布奇諾",
    price: "38",
    category: "demo-coffee",
    colour: "orange",
    shortCode: "CP",
    options: "size+milk",
  },
  {
    id: "demo-jasmine-tea",
    name: "Jasmine tea",
    nameZh: "茉莉花茶",
    price: "25",
    category: "demo-tea",
    colour: "green",
    shortCode: "JT",
    options: "size",
  },
  {
    id: "demo-lemon-tea",
    name: "Lemon tea",
    nameZh: "檸檬茶",
    price: "28",
    category: "demo-tea",
    colour: "yellow",
    shortCode: "LM",
    options: "size",
  },
  {
    id: "demo-milk-tea",
    name: "Hong Kong milk tea",
    nameZh: "港式奶茶",
    price: "30",
    category: "demo-milk-tea",
    colour: "red",
    shortCode: "MT",
    options: "size+milk",
  },
  {
    id: "demo-yuenyeung",
    name: "Yuenyeung",
    nameZh: "鴛鴦",
    price: "32",
    category: "demo-milk-tea",
    colour: "red",
    shortCode: "YY",
    options: "size+milk",
  },
  {
    id: "demo-egg-tart",
    name: "Egg tart",
    nameZh: "蛋撻",
    price: "12",
    category: "demo-pastries",
    colour: "yellow",
    barcode: "4891234560011",
    shortCode: "ET",
  },
  {
    id: "demo-croissant",
    name: "Croissant",
    nameZh: "牛角包",
    price: "22",
    category: "demo-pastries",
    colour: "purple",
    barcode: "4891234560028",
    shortCode: "CR",
  },
  {
    id: "demo-pineapple-bun",
    name: "Pineapple bun",
    nameZh: "菠蘿包",
    price: "14",
    category: "demo-pastries",
    colour: "yellow",
    barcode: "4891234560035",
    shortCode: "PB",
  },
  {
    id: "demo-banana-bread",
    name: "Banana bread",
    nameZh: "香蕉蛋糕",
    price: "26",
    category: "demo-pastries",
    colour: "purple",
    barcode: "4891234560042",
    shortCode: "BB",
  },
];

/**
 * Demo mode only: seeds the menu once, into an empty catalogue. A catalogue someone has already
 * touched (even with everything deactivated) is left alone.
 */
export async function seedDemoMenu(db: Kysely<Database>, currency: string): Promise<void> {
  const any = await db.selectFrom("catalogue_categories").select("id").limit(1).executeTakeFirst();
  const anyItem = await db.selectFrom("catalogue_items").select("id").limit(1).executeTakeFirst();
  if (any || anyItem) return;
  try {
    await ledgerTransaction(async (trx) => {
      const at = nowIso();
      await trx
        .insertInto("catalogue_categories")
        .values(
          CATEGORIES.map((c, index) => ({
            id: c.id,
            name: c.name,
            name_zh: c.nameZh,
            sort_order: index,
            active: 1,
            created_at: at,
            updated_at: at,
          })),
        )
        .execute();
      await trx
        .insertInto("catalogue_items")
        .values(
          ITEMS.map((item, index) => ({
            id: item.id,
            name: item.name,
            name_zh: item.nameZh,
            price: parseDecimalToMinor(item.price, currency) ?? 0,
            currency,
            category_id: item.category,
            barcode: item.barcode ?? null,
            short_code: item.shortCode ?? null,
            colour: item.colour,
            options_json: JSON.stringify(item.options ? options(currency, item.options === "size+milk") : []),
            sort_order: index,
            active: 1,
            created_at: at,
            updated_at: at,
          })),
        )
        .execute();
    });
  } catch (error) {
    // Another instance seeding the same database won the race.
    const code = (error as { code?: string }).code;
    if (code !== "23505" && code !== "SQLITE_CONSTRAINT_PRIMARYKEY" && code !== "SQLITE_CONSTRAINT_UNIQUE") throw error;
  }
}
