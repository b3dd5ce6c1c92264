/** The code-lifetime rule: a code that never left is not sent once old; one that may have left is never dropped without proof. */
import { describe, expect, it } from "vitest";
import { newItem, type OutboxItem } from "@/lib/offline/outbox-item";
import {
  afterNotFound,
  attemptEndedAt,
  codeEraseDueAt,
  codeIsSpent,
  decide,
  NEVER_ARRIVED_MARGIN_MS,
  SEND_TIMEOUT_MS,
  withoutSpentCode,
} from "@/lib/offline/send-rules";

const LIFETIME = 60_000;
function item(overrides: Partial<OutboxItem> = {}): OutboxItem {
  return {
    ...newItem(
      {
        outTradeNo: "ST1",
        amount: 100,
        currency: "HKD",
        authCode: "134567890123456789",
        source: "manual",
        scannedAt: 0,
        codeLifetimeMs: LIFETIME,
      },
      0,
    ),
    ...overrides,
  };
}

describe("never sent (queued)", () => {
  it("is sent while the code is fresh and the server reachable", () => {
    expect(decide(item(), 59_999, true)).toBe("send");
  });
  it("waits while offline, within the lifetime", () => {
    expect(decide(item(), 30_000, false)).toBe("wait");
  });
  it("is never sent once the code is past its lifetime: ask for a fresh code", () => {
    expect(decide(item(), 60_000, true)).toBe("expire");
    expect(decide(item(), 61_000, false)).toBe("expire");
  });
  it("is not sent after the cashier asked to cancel it", () => {
    expect(decide(item({ cancelRequested: true }), 1_000, true)).toBe("expire");
  });
});

describe("may have been sent (maybe_sent)", () => {
  const sent = (o: Partial<OutboxItem> = {}) =>
    item({
      phase: "maybe_sent",
      attempts: 1,
      lastSendStartedAt: 1_000,
      lastSendEndedAt: 2_000,
      nextActionAt: 2_000,
      ...o,
    });

  it("is looked up, never expired by the clock alone", () => {
    expect(decide(sent(), 10 * LIFETIME, true)).toBe("lookup");
    expect(decide(sent(), 10 * LIFETIME, false)).toBe("wait");
  });

  it("404 within the lifetime: the same outTradeNo is sent again", () => {
    expect(afterNotFound(sent(), 30_000, 30_100)).toEqual({ action: "resend" });
  });

  it("404 within the lifetime but a cancel was asked: never resent", () => {
    expect(afterNotFound(sent({ cancelRequested: true }), 3_000, 3_100).action).toBe("keep_looking");
  });

  it("404 past the lifetime: expired only when the GET began after the attempt ended plus the margin", () => {
    const s = sent({ lastSendEndedAt: 70_000 });
    const early = afterNotFound(s, 70_000 + NEVER_ARRIVED_MARGIN_MS - 1, 80_000);
    expect(early).toEqual({ action: "keep_looking", nextActionAt: 82_000 });
    expect(afterNotFound(s, 70_000 + NEVER_ARRIVED_MARGIN_MS, 80_001)).toEqual({ action: "expire" });
  });

  it("an attempt the page died during counts as ended only after the send timeout", () => {
    const s = sent({ lastSendStartedAt: 50_000, lastSendEndedAt: null });
    expect(attemptEndedAt(s)).toBe(50_000 + SEND_TIMEOUT_MS);
    expect(afterNotFound(s, 61_000, 61_000).action).toBe("keep_looking");
    expect(afterNotFound(s, 50_000 + SEND_TIMEOUT_MS + NEVER_ARRIVED_MARGIN_MS, 100_000).action).toBe("expire");
  });

  it("a payment whose code was deleted is never resent", () => {
    expect(afterNotFound(sent({ authCode: null }), 3_000, 3_000).action).not.toBe("resend");
  });
});

describe("closed items", () => {
  it("are left alone", () => {
    for (const phase of ["final", "rejected", "expired"] as const)
      expect(decide(item({ phase }), 0, true)).toBe("none");
  });
});

describe("a code that can never be sent again is erased (rule 4)", () => {
  it("is spent from its expiry on, in every phase", () => {
    for (const phase of ["queued", "maybe_sent", "at_server", "final", "rejected", "expired"] as const) {
      expect(codeIsSpent(item({ phase }), LIFETIME - 1), phase).toBe(false);
      expect(codeIsSpent(item({ phase }), LIFETIME), phase).toBe(true);
      expect(withoutSpentCode(item({ phase }), LIFETIME).authCode, phase).toBeNull();
    }
  });

  it("is spent at once when a cancel was asked for", () => {
    expect(codeIsSpent(item({ cancelRequested: true }), 0)).toBe(true);
    expect(codeEraseDueAt(item({ cancelRequested: true }))).toBe(0);
  });

  it("keeps a fresh code, and the rest of the item, as they are", () => {
    const fresh = item({ phase: "maybe_sent", attempts: 1 });
    expect(withoutSpentCode(fresh, 30_000)).toBe(fresh);
    expect(withoutSpentCode(fresh, LIFETIME)).toEqual({ ...fresh, authCode: null });
  });

  it("says when the sync must run to erase it: at the expiry; never without a code", () => {
    expect(codeEraseDueAt(item())).toBe(LIFETIME);
    expect(codeEraseDueAt(item({ authCode: null }))).toBeNull();
    expect(codeIsSpent(item({ authCode: null }), 10 * LIFETIME)).toBe(false);
  });
});
