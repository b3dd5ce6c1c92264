import { catalogueCsv } from "@/lib/catalogue/export";
import { listCategories, listItems } from "@/lib/catalogue/store";
import { getDb } from "@/lib/db";
import { withStaff } from "@/lib/http/with-staff";

export const dynamic = "force-dynamic";

// GET /api/catalogue/export.csv – every item, active or not, as the CSV the import reads (manager or owner)
export const GET = withStaff(
  async () => {
    const db = await getDb();
    const all = { includeInactive: true };
    const csv = catalogueCsv(await listItems(db, all), await listCategories(db, all));
    return new Response(csv, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": 'attachment; filename="catalogue.csv"',
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
      },
    });
  },
  { role: "manager" },
);
