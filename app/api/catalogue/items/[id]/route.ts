import { patchItem } from "@/lib/catalogue/store";
import { itemPatchBody } from "@/lib/contract/catalogue";
import { catalogueActor, catalogueIdParam } from "@/lib/http/catalogue-route";
import { jsonAnswer } from "@/lib/http/json-answer";
import { readJsonBody } from "@/lib/http/read-json-body";
import { withStaff } from "@/lib/http/with-staff";

export const dynamic = "force-dynamic";

// PATCH /api/catalogue/items/{id} – change an item's fields; `active: false` deactivates it (manager or owner)
export const PATCH = withStaff<{ id: string }>(
  async (req, { staff, params }) => {
    const id = catalogueIdParam(params.id, "catalogue_item_not_found");
    const patch = itemPatchBody.parse(await readJsonBody(req));
    return jsonAnswer(await patchItem(catalogueActor(staff, req), id, patch));
  },
  { role: "manager" },
);
