import { createItem, listItems } from "@/lib/catalogue/store";
import { newItemBody, type CatalogueItemList } from "@/lib/contract/catalogue";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { catalogueActor, includeInactive } from "@/lib/http/catalogue-route";
import { jsonAnswer } from "@/lib/http/json-answer";
import { readJsonBody } from "@/lib/http/read-json-body";
import { withStaff } from "@/lib/http/with-staff";

export const dynamic = "force-dynamic";

// GET /api/catalogue/items[?inactive=1] – the catalogue's items (everyone signed in; inactive ones for managers)
export const GET = withStaff(async (req, { staff }) => {
  const body: CatalogueItemList = {
    items: await listItems(await getDb(), { includeInactive: includeInactive(req, staff) }),
  };
  return jsonAnswer(body);
});

// POST /api/catalogue/items – add an item { name, nameZh?, price, category?, barcode?, … } → 201 (manager or owner)
export const POST = withStaff(
  async (req, { staff }) => {
    const input = newItemBody.parse(await readJsonBody(req));
    return jsonAnswer(await createItem(catalogueActor(staff, req), input, env.POS_CURRENCY), 201);
  },
  { role: "manager" },
);
