import { AUDIT_EXPORT_MAX_ROWS, auditCsv } from "@/lib/audit/export";
import { exportFileName, parseAuditFilter } from "@/lib/audit/filter";
import { auditEventsForExport } from "@/lib/audit/query";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { withStaff } from "@/lib/http/with-staff";
import { getRequestLocale } from "@/lib/i18n/server-locale";

export const dynamic = "force-dynamic";

// GET /api/audit/export.csv?from=&to=&action=&actor=&outcome= – the same rows as a CSV download (manager or owner)
export const GET = withStaff(
  async (req) => {
    const filter = parseAuditFilter(req.nextUrl.searchParams, env.POS_TIME_ZONE);
    const { events, truncated } = await auditEventsForExport(await getDb(), filter, AUDIT_EXPORT_MAX_ROWS);
    const csv = auditCsv(events, await getRequestLocale(), env.POS_TIME_ZONE);
    return new Response(csv, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${exportFileName(filter, new Date(), env.POS_TIME_ZONE)}"`,
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
        // More rows matched than one file holds: the newest AUDIT_EXPORT_MAX_ROWS are in it.
        "x-scantill-truncated": truncated ? "1" : "0",
      },
    });
  },
  { role: "manager" },
);
