import { importCatalogue } from "@/lib/catalogue/import";
import { env } from "@/lib/env";
import { catalogueActor, readCatalogueCsvBody } from "@/lib/http/catalogue-route";
import { jsonAnswer } from "@/lib/http/json-answer";
import { withStaff } from "@/lib/http/with-staff";
import { getRequestLocale } from "@/lib/i18n/server-locale";

export const dynamic = "force-dynamic";

// POST /api/catalogue/import[?dryRun=1] – a CSV body (text/csv): every problem named, or, when clean
// and no dry run, imported in one transaction; 200 either way, `applied` says which (manager or owner)
export const POST = withStaff(
  async (req, { staff }) => {
    const csv = await readCatalogueCsvBody(req);
    const dryRun = req.nextUrl.searchParams.get("dryRun") === "1";
    const answer = await importCatalogue(catalogueActor(staff, req), csv, {
      dryRun,
      currency: env.POS_CURRENCY,
      locale: await getRequestLocale(),
    });
    return jsonAnswer(answer);
  },
  { role: "manager" },
);
