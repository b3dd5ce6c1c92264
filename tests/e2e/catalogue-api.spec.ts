/**
 * [CATALOGUE]: the catalogue's API over HTTP on the demo build (docs/catalogue.md §3, §4): the demo
 * menu is there, managers add and change items, a barcode is one item's in any of its forms, a
 * cashier reads but does not write, and a CSV import names its bad rows and imports nothing until clean.
 */
import { randomInt } from "node:crypto";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { E2E } from "./support/e2e-settings";
import { apiSignIn } from "./support/pos";

type Item = { id: string; name: string; price: number; barcode: string | null; active: boolean; options: unknown[] };

/** A valid UPC-A nobody has used: 11 random digits and their GS1 check digit. */
function freshUpcA(): string {
  const data = `0${String(randomInt(1e10)).padStart(10, "0")}`;
  let sum = 0;
  for (let i = 0; i < data.length; i++) sum += Number(data[data.length - 1 - i]) * (i % 2 === 0 ? 3 : 1);
  return `${data}${(10 - (sum % 10)) % 10}`;
}

async function items(request: APIRequestContext, query = ""): Promise<Item[]> {
  const res = await request.get(`/api/catalogue/items${query}`);
  expect(res.status()).toBe(200);
  return ((await res.json()) as { items: Item[] }).items;
}

test("[CATALOGUE]: a manager adds and changes items; one barcode per item in any form; cashiers read only", async ({
  request,
  playwright,
}) => {
  await apiSignIn(request, "manager");
  const menu = await items(request);
  expect(menu.find((i) => i.name === "Latte")?.options).toHaveLength(2);

  const upcA = freshUpcA();
  const created = await request.post("/api/catalogue/items", {
    data: { name: "Iced latte", nameZh: "凍鮮奶咖啡", price: 4200, barcode: upcA },
  });
  expect(created.status()).toBe(201);
  const item = (await created.json()) as Item;
  expect(item).toMatchObject({ name: "Iced latte", price: 4200, barcode: `0${upcA}`, active: true });
  expect(item.id).toBeTruthy();

  const duplicate = await request.post("/api/catalogue/items", {
    data: { name: "Copy", price: 1, barcode: `0${upcA}` },
  });
  expect(duplicate.status()).toBe(409);
  expect(((await duplicate.json()) as { error: { reason: string } }).error.reason).toBe("catalogue_barcode_taken");

  for (const [name, data] of [
    ["negative price", { name: "X", price: -1 }],
    ["fractional price", { name: "X", price: 1.5 }],
    ["no name", { price: 100 }],
    ["bad check digit", { name: "X", price: 1, barcode: "4006381333932" }],
    ["unknown field", { name: "X", price: 1, cost: 5 }],
    ["unknown colour", { name: "X", price: 1, colour: "chartreuse" }],
  ] as const) {
    expect((await request.post("/api/catalogue/items", { data })).status(), name).toBe(400);
  }
  expect((await items(request)).length).toBe(menu.length + 1);

  const patched = await request.patch(`/api/catalogue/items/${item.id}`, { data: { price: 4500, active: false } });
  expect(patched.status()).toBe(200);
  expect(await patched.json()).toMatchObject({ price: 4500, active: false });
  expect((await items(request)).some((i) => i.id === item.id)).toBe(false);
  expect((await items(request, "?inactive=1")).some((i) => i.id === item.id)).toBe(true);
  expect((await request.patch("/api/catalogue/items/no-such-item", { data: { price: 1 } })).status()).toBe(404);

  const cashier = await playwright.request.newContext({ baseURL: E2E.appUrl });
  await apiSignIn(cashier, "cashier");
  expect((await items(cashier)).length).toBe(menu.length);
  expect((await cashier.get("/api/catalogue/items?inactive=1")).status()).toBe(403);
  expect((await cashier.post("/api/catalogue/items", { data: { name: "X", price: 1 } })).status()).toBe(403);
  await cashier.dispose();
});

test("[CATALOGUE]: the CSV export reads back, and an import names every bad row and writes nothing until clean", async ({
  request,
}) => {
  await apiSignIn(request, "manager");
  const exported = await request.get("/api/catalogue/export.csv");
  expect(exported.status()).toBe(200);
  expect(exported.headers()["content-type"]).toContain("text/csv");
  const csv = await exported.text();
  expect(csv.startsWith("\uFEFFid,name,name_zh,price,")).toBe(true);
  expect(csv).toContain("鮮奶咖啡");

  const post = (body: string, query = "", locale = "en") =>
    request.post(`/api/catalogue/import${query}`, {
      data: body,
      headers: { "content-type": "text/csv", "accept-language": locale },
    });
  // The whole export imports back clean (a dry run: it would change every item to what it is).
  const again = await post(csv, "?dryRun=1");
  expect(again.status()).toBe(200);
  expect(await again.json()).toMatchObject({ applied: false, dryRun: true, problems: [] });

  const before = (await items(request, "?inactive=1")).length;
  const name = `Imported ${randomInt(1e9)}`;
  const bad = ["id,name,price", `,${name},12`, ",Broken,twelve"].join("\n");
  const refused = await post(bad, "", "zh-HK");
  expect(refused.status()).toBe(200);
  expect(await refused.json()).toMatchObject({
    applied: false,
    problems: [{ line: 3, column: "price", problem: "bad_price", message: "價錢不是有效金額（例如 38 或 38.50）。" }],
  });
  expect((await items(request, "?inactive=1")).length).toBe(before);

  const clean = await post(["id,name,price", `,${name},12`].join("\n"));
  expect(await clean.json()).toMatchObject({ applied: true, created: 1, problems: [] });
  expect((await items(request)).find((i) => i.name === name)).toMatchObject({ price: 1200 });
  expect((await request.post("/api/catalogue/import", { data: { csv: "x" } })).status()).toBe(415);
});
