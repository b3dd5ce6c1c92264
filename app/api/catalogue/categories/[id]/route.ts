import { patchCategory } from "@/lib/catalogue/store";
import { categoryPatchBody } from "@/lib/contract/catalogue";
import { catalogueActor, catalogueIdParam } from "@/lib/http/catalogue-route";
import { jsonAnswer } from "@/lib/http/json-answer";
import { readJsonBody } from "@/lib/http/read-json-body";
import { withStaff } from "@/lib/http/with-staff";

export const dynamic = "force-dynamic";

// PATCH /api/catalogue/categories/{id} – rename, reorder or (de)activate a category (manager or owner)
export const PATCH = withStaff<{ id: string }>(
  async (req, { staff, params }) => {
    const id = catalogueIdParam(params.id, "catalogue_category_not_found");
    const patch = categoryPatchBody.parse(await readJsonBody(req));
    return jsonAnswer(await patchCategory(catalogueActor(staff, req), id, patch));
  },
  { role: "manager" },
);
