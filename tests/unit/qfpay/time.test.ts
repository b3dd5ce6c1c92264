/** Merchant wall-clock time: txdtm, query month windows and business days in POS_TIME_ZONE. */
import { describe, expect, it } from "vitest";
import { queryWindows } from "@/lib/qfpay/enquiry";
import {
  dayRange,
  formatMerchantDateTime,
  isCalendarDate,
  isValidTimeZone,
  merchantDate,
  merchantDayBounds,
  merchantMonthIndex,
  parseMerchantDateTime,
} from "@/lib/qfpay/time";

describe("merchant time", () => {
  it("formats Hong Kong time by default and other zones when asked", () => {
    const at = new Date("2026-03-31T16:30:05.000Z");
    expect(formatMerchantDateTime(at)).toBe("2026-04-01 00:30:05");
    expect(formatMerchantDateTime(at, "Asia/Bangkok")).toBe("2026-03-31 23:30:05");
    expect(formatMerchantDateTime(at, "Europe/London")).toBe("2026-03-31 17:30:05");
    expect(merchantDate(at)).toBe("2026-04-01");
  });

  it("puts a payment made just after midnight on the 1st (HK) in the new month, though UTC is still in the old one", () => {
    const justAfterMidnight = new Date("2026-03-31T16:00:30.000Z");
    expect(merchantMonthIndex(justAfterMidnight)).toBe(2026 * 12 + 3);
    // Asked in May, a payment from 00:00:30 on 1 April HK needs April's window (and March's, being within minutes of the edge).
    const windows = queryWindows(justAfterMidnight, new Date("2026-05-10T00:00:00Z"));
    expect(windows).toContainEqual({ start_time: "2026-04-01 00:00:00", end_time: "2026-04-30 23:59:59" });
    // One sent an hour after midnight needs April's only: the UTC month (March) would miss it.
    expect(queryWindows(new Date("2026-03-31T17:00:00Z"), new Date("2026-05-10T00:00:00Z"))).toEqual([
      { start_time: "2026-04-01 00:00:00", end_time: "2026-04-30 23:59:59" },
    ]);
  });

  it("reads wall-clock text back into instants, across a DST change", () => {
    expect(parseMerchantDateTime("2026-04-01 00:30:05")?.toISOString()).toBe("2026-03-31T16:30:05.000Z");
    expect(parseMerchantDateTime("2026-07-01 12:00:00", "Europe/London")?.toISOString()).toBe(
      "2026-07-01T11:00:00.000Z",
    );
    expect(parseMerchantDateTime("2026-01-01 12:00:00", "Europe/London")?.toISOString()).toBe(
      "2026-01-01T12:00:00.000Z",
    );
    expect(parseMerchantDateTime("2026-13-01 00:00:00")).toBeNull();
    expect(parseMerchantDateTime("yesterday")).toBeNull();
  });

  it("gives a business day as QFPay's range and as instants", () => {
    expect(dayRange("2026-11-27")).toEqual({ start: "2026-11-27 00:00:00", end: "2026-11-27 23:59:59" });
    const { from, to } = merchantDayBounds("2026-11-27");
    expect(from.toISOString()).toBe("2026-11-26T16:00:00.000Z");
    expect(to.toISOString()).toBe("2026-11-27T16:00:00.000Z");
    expect(merchantDayBounds("2026-02-28").to.toISOString()).toBe("2026-02-28T16:00:00.000Z");
    expect(() => dayRange("2026-02-30")).toThrow(RangeError);
  });

  it("validates dates and zones", () => {
    expect(isCalendarDate("2024-02-29")).toBe(true);
    expect(isCalendarDate("2026-02-29")).toBe(false);
    expect(isCalendarDate("2026-1-01")).toBe(false);
    expect(isValidTimeZone("Asia/Hong_Kong")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus")).toBe(false);
  });
});
