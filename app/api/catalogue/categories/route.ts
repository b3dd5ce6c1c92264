import { createCategory, listCategories } from "@/lib/catalogue/store";
import { newCategoryBody, type CatalogueCategoryList } from "@/lib/contract/catalogue";
import { getDb } from "@/lib/db";
import { catalogueActor, includeInactive } from "@/lib/http/catalogue-route";
import { jsonAnswer } from "@/lib/http/json-answer";
import { readJsonBody } from "@/lib/http/read-json-body";
import { withStaff } from "@/lib/http/with-staff";

export const dynamic = "force-dynamic";

// GET /api/catalogue/categories[?inactive=1] – the catalogue's categories (everyone signed in; inactive ones for managers)
export const GET = withStaff(async (req, { staff }) => {
  const body: CatalogueCategoryList = {
    categories: await listCategories(await getDb(), { includeInactive: includeInactive(req, staff) }),
  };
  return jsonAnswer(body);
});

// POST /api/catalogue/categories – add a category { name, nameZh?, sortOrder?, active? } → 201 (manager or owner)
export const POST = withStaff(
  async (req, { staff }) => {
    const input = newCategoryBody.parse(await readJsonBody(req));
    return jsonAnswer(await createCategory(catalogueActor(staff, req), input), 201);
  },
  { role: "manager" },
);
