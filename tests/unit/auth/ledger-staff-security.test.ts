/**
 * Issue 9 on a real database (SQLite, or PostgreSQL with TEST_DATABASE_URL): sessions the server
 * ends (disable, revoke, expiry, idle, a PIN switch), device enrolment, the shared sign-in throttle,
 * demo accounts in live mode, manager approval, who scanned and who sent a queued payment, and the
 * per-person payment limit.
 */
import { randomInt } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setUpLedger, type LedgerHarness } from "../../support/ledger-harness";

let harness: LedgerHarness;
let m: typeof import("@/lib/db") &
  typeof import("@/lib/auth/staff-sessions") &
  typeof import("@/lib/auth/sign-in-throttle") &
  typeof import("@/lib/auth/staff-store") &
  typeof import("@/lib/auth/devices") &
  typeof import("@/lib/auth/demo-guard") &
  typeof import("@/lib/auth/approval") &
  typeof import("@/lib/auth/scan-proof") &
  typeof import("@/lib/auth/passwords") &
  typeof import("@/lib/payments/create-payment") &
  typeof import("@/lib/auth/staff-admin");

const policy = { maxAgeMs: 12 * 3_600_000, idleMs: 6 * 60_000, deviceTrustMs: 30 * 86_400_000 };
const code = () => `13${String(randomInt(1e9)).padStart(9, "0")}${String(randomInt(1000)).padStart(3, "0")}0000`;
const name = (p: string) => `${p}${randomInt(1e9)}`;
const PAYMENT_LIMIT = 4;

beforeAll(async () => {
  harness = await setUpLedger();
  process.env.PAYMENTS_PER_MINUTE = String(PAYMENT_LIMIT);
  m = {
    ...(await import("@/lib/db")),
    ...(await import("@/lib/auth/staff-sessions")),
    ...(await import("@/lib/auth/sign-in-throttle")),
    ...(await import("@/lib/auth/staff-store")),
    ...(await import("@/lib/auth/devices")),
    ...(await import("@/lib/auth/demo-guard")),
    ...(await import("@/lib/auth/approval")),
    ...(await import("@/lib/auth/scan-proof")),
    ...(await import("@/lib/auth/passwords")),
    ...(await import("@/lib/payments/create-payment")),
    ...(await import("@/lib/auth/staff-admin")),
  };
});
afterAll(async () => harness?.close());

async function person(role: "cashier" | "manager" | "owner", pin?: string) {
  const db = await m.getDb();
  const user = await m.addStaffUser(db, name(role), "password-1234", role);
  if (pin)
    await db
      .updateTable("users")
      .set({ pin_hash: await m.hashPassword(pin) })
      .where("id", "=", user.id)
      .execute();
  return user;
}

async function signedIn(user: { id: string }, deviceId: string, method: "password" | "pin" = "password") {
  const db = await m.getDb();
  await m.enrollOnDevice(db, deviceId, { id: user.id, sessionVersion: 1 }, policy.deviceTrustMs);
  const sessionId = await m.startStaffSession(
    db,
    { userId: user.id, sessionVersion: 1, deviceId, method, address: "10.0.0.5" },
    policy,
  );
  const staff = await m.loadActiveStaff(db, sessionId, policy);
  if (!staff) throw new Error("no session");
  return staff;
}

describe("sessions the server can end", () => {
  it("a session stands until its user is disabled, revoked, it expires or idles; each is checked on the next request", async () => {
    const db = await m.getDb();
    const device = (await m.createDevice(db)).id;
    const user = await person("cashier");
    const staff = await signedIn(user, device);
    expect(staff).toMatchObject({ id: user.id, role: "cashier", deviceId: device });

    await db.updateTable("users").set({ session_version: 2 }).where("id", "=", user.id).execute();
    expect(await m.loadActiveStaff(db, staff.sessionId, policy)).toBeNull();
    const ended = await db
      .selectFrom("staff_sessions")
      .select(["ended_at", "end_reason"])
      .where("id", "=", staff.sessionId)
      .executeTakeFirstOrThrow();
    expect(ended.end_reason).toBe("revoked");

    await db.updateTable("users").set({ session_version: 1 }).where("id", "=", user.id).execute();
    const again = await signedIn(user, device);
    await db.updateTable("users").set({ disabled_at: new Date().toISOString() }).where("id", "=", user.id).execute();
    expect(await m.loadActiveStaff(db, again.sessionId, policy)).toBeNull();
    await db.updateTable("users").set({ disabled_at: null }).where("id", "=", user.id).execute();

    const third = await signedIn(user, device);
    const later = new Date(Date.now() + policy.idleMs + 1_000);
    expect(await m.loadActiveStaff(db, third.sessionId, policy, later)).toBeNull();
    expect(
      (
        await db
          .selectFrom("staff_sessions")
          .select("end_reason")
          .where("id", "=", third.sessionId)
          .executeTakeFirstOrThrow()
      ).end_reason,
    ).toBe("idle");

    // However busy the till, the absolute lifetime ends it.
    const fourth = await signedIn(user, device);
    await db
      .updateTable("staff_sessions")
      .set({ expires_at: new Date(Date.now() - 1).toISOString() })
      .where("id", "=", fourth.sessionId)
      .execute();
    expect(await m.loadActiveStaff(db, fourth.sessionId, policy)).toBeNull();
  });

  it("one person at a time per device: a switch ends the previous session there, not on other devices", async () => {
    const db = await m.getDb();
    const [tablet, phone] = [(await m.createDevice(db)).id, (await m.createDevice(db)).id];
    const a = await signedIn(await person("cashier"), tablet);
    const elsewhere = await signedIn(await person("cashier"), phone);
    const b = await signedIn(await person("cashier"), tablet, "pin");
    expect(await m.loadActiveStaff(db, a.sessionId, policy)).toBeNull();
    expect(await m.loadActiveStaff(db, b.sessionId, policy)).not.toBeNull();
    expect(await m.loadActiveStaff(db, elsewhere.sessionId, policy)).not.toBeNull();
  });

  it("locking the till ends the session and is audited once, however many requests ask", async () => {
    const db = await m.getDb();
    const device = (await m.createDevice(db)).id;
    const staff = await signedIn(await person("cashier"), device);
    await Promise.all([m.lockTill(db, staff, "10.0.0.5"), m.lockTill(db, staff, "10.0.0.5")]);
    await m.lockTill(db, staff, "10.0.0.5");
    expect(await m.loadActiveStaff(db, staff.sessionId, policy)).toBeNull();
    const audit = await db
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "lock")
      .where("actor_id", "=", staff.id)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_username: staff.username, device_id: device, address: "10.0.0.5" });
  });

  it("the device cookie proves its device only with its secret", async () => {
    const db = await m.getDb();
    const { id, cookie } = await m.createDevice(db);
    expect(await m.deviceFromCookie(db, cookie)).toBe(id);
    expect(await m.deviceFromCookie(db, `${id}.forged`)).toBeNull();
    expect(await m.deviceFromCookie(db, "garbage")).toBeNull();
    expect(await m.deviceFromCookie(db, undefined)).toBeNull();
  });

  it("the PIN list names who is enrolled on the cookie's own device, and nobody for a forged or missing cookie", async () => {
    const db = await m.getDb();
    const { id, cookie } = await m.createDevice(db);
    const user = await person("manager", "2791");
    await signedIn(user, id);
    const jar = (value: string | undefined) => (name: string) => (name === m.DEVICE_COOKIE ? value : undefined);
    expect(await m.tillStaffOf(db, jar(cookie))).toEqual([{ username: user.username, role: "manager", hasPin: true }]);
    expect(await m.tillStaffOf(db, jar(`${id}.forged`))).toEqual([]);
    expect(await m.tillStaffOf(db, jar(undefined))).toEqual([]);
  });

  it("PIN switching is open only to staff enrolled on the device, and a revoke or disable withdraws it", async () => {
    const db = await m.getDb();
    const device = (await m.createDevice(db)).id;
    const user = await person("cashier", "2791");
    expect(await m.enrolledStaff(db, device)).toEqual([]);
    await signedIn(user, device);
    expect((await m.enrolledStaff(db, device)).map((s) => s.username)).toEqual([user.username]);
    await db.updateTable("users").set({ session_version: 5 }).where("id", "=", user.id).execute();
    expect(await m.enrolledStaff(db, device)).toEqual([]);
  });
});

describe("sign-in throttle in the database", () => {
  it("locks a username from one address only; another address still signs in; spraying is slowed per address", async () => {
    const db = await m.getDb();
    const user = name("victim");
    const attacker = m.throttleKeys.password(user, `198.51.100.${randomInt(250)}`);
    for (let i = 0; i < 5; i++) await m.recordThrottleFailure(db, attacker);
    expect(await m.throttledUntil(db, attacker)).not.toBeNull();
    expect(await m.throttledUntil(db, m.throttleKeys.password(user, "10.9.9.9"))).toBeNull();

    const sprayer = `203.0.113.${randomInt(250)}`;
    for (let i = 0; i < 20; i++) await m.recordThrottleFailure(db, m.throttleKeys.password(name("guess"), sprayer));
    expect(await m.throttledUntil(db, m.throttleKeys.password(name("fresh"), sprayer))).not.toBeNull();
  });

  it("parallel guesses cannot slip past the lock: at most the free tries are ever checked", async () => {
    const db = await m.getDb();
    const keys = m.throttleKeys.password(name("burst"), `192.0.2.${randomInt(250)}`);
    const allowed = await Promise.all(Array.from({ length: 40 }, () => m.claimAttempt(db, keys)));
    expect(allowed.filter(Boolean).length).toBeLessThanOrEqual(5);
    expect(await m.throttledUntil(db, keys)).not.toBeNull();
  });

  it("a right password takes its own attempt back: a shop's occasional typos never add up to a lock", async () => {
    const db = await m.getDb();
    // An address no other test in this file uses (the sprayer above locks one in 203.0.113.0/24).
    const address = "100.64.0.1";
    // Two typos a day for 30 days (the per-address key counts 20 a day before it locks).
    const start = Date.now();
    let now = new Date(start);
    for (let day = 0; day < 30; day++) {
      now = new Date(start + day * 86_400_000 + 1_000);
      for (const who of [name("typo"), name("typo")]) {
        const keys = m.throttleKeys.password(who, address);
        expect(await m.claimAttempt(db, keys, now), `day ${day}`).toBe(true); // a typo
        expect(await m.claimAttempt(db, keys, now), `day ${day}`).toBe(true); // then the right one
        await m.attemptSucceeded(db, keys);
      }
    }
    expect(await m.throttledUntil(db, m.throttleKeys.password("owner", address), now)).toBeNull();
  });

  it("counts every failure when several arrive at once (several instances)", async () => {
    const db = await m.getDb();
    const keys = m.throttleKeys.password(name("race"), `192.0.2.${randomInt(250)}`);
    await Promise.all(Array.from({ length: 8 }, () => m.recordThrottleFailure(db, keys)));
    const row = await db
      .selectFrom("sign_in_throttle")
      .select("failures")
      .where("key", "=", keys[0]!.key)
      .executeTakeFirstOrThrow();
    expect(row.failures).toBe(8);
  });
});

describe("live mode never has a working demo account", () => {
  it("disables accounts demo mode made and any account that still has a demo password", async () => {
    const db = await m.getDb();
    await db.deleteFrom("users").where("username", "in", ["cashier", "manager", "owner"]).execute();
    await m.addStaffUser(db, "manager", "manager123", "manager");
    await m.addStaffUser(db, "owner", "a-real-owner-password", "owner");
    const seeded = await m.addStaffUser(db, name("seeded"), "whatever-1234", "cashier", { demo: true });
    const disabled = await m.disableDemoAccounts(db);
    expect(disabled.sort()).toEqual(["manager", seeded.username].sort());
    expect(await m.findStaffForSignIn(db, "manager", { allowDemo: false })).toBeNull();
    expect(await m.findStaffForSignIn(db, "owner", { allowDemo: false })).not.toBeNull();
    const audit = await db
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "demo_account_disabled")
      .execute();
    expect(audit.map((a) => a.subject)).toEqual(expect.arrayContaining(["manager", seeded.username]));
  });
});

describe("accounts made in demo mode", () => {
  it("are demo accounts, whoever the demo's owner adds or re-passwords, so live mode disables them", async () => {
    const db = await m.getDb();
    const owner = await person("owner");
    const actor = {
      kind: "staff" as const,
      id: owner.id,
      username: owner.username,
      role: "owner" as const,
      demo: true,
    };
    const planted = await m.addStaff(db, actor, {
      username: name("planted"),
      password: "a-real-password-42",
      role: "owner",
      pin: null,
    });
    const real = await person("owner");
    await m.setPassword(db, actor, real.username, "another-password-42");
    const disabled = await m.disableDemoAccounts(db);
    expect(disabled).toEqual(expect.arrayContaining([planted.username, real.username]));
  });
});

describe("a demo-made account given a real password", () => {
  it("becomes a real account (once enabled); a demo password is refused outright", async () => {
    const db = await m.getDb();
    const made = await m.addStaffUser(db, name("demo"), "cashier123", "cashier", { demo: true });
    const cli = m.cliActor("test");
    await expect(m.setPassword(db, cli, made.username, "manager123")).rejects.toMatchObject({
      staffReason: "password_demo",
    });
    await m.setPassword(db, cli, made.username, "a-real-password-42");
    expect(await m.findStaffForSignIn(db, made.username, { allowDemo: false })).not.toBeNull();
    expect(await m.disableDemoAccounts(db)).not.toContain(made.username);
  });
});

describe("manager approval on the cashier's till", () => {
  it("a manager's PIN approves on a device they unlocked; a wrong PIN, a cashier or the person themself do not", async () => {
    const db = await m.getDb();
    const device = (await m.createDevice(db)).id;
    const manager = await person("manager", "4826");
    const otherCashier = await person("cashier", "5937");
    await signedIn(manager, device);
    await signedIn(otherCashier, device);
    const cashier = await signedIn(await person("cashier", "6048"), device);
    const ask = (approval?: { username: string; pin?: string; password?: string }) =>
      m.authorizeAction({
        staff: cashier,
        minimum: "manager",
        approval,
        action: "refund",
        subject: "P1",
        address: "10.0.0.5",
      });

    await expect(ask()).rejects.toMatchObject({ code: "approval_required" });
    await expect(ask({ username: manager.username, pin: "0001" })).rejects.toMatchObject({ code: "approval_refused" });
    await expect(ask({ username: otherCashier.username, pin: "5937" })).rejects.toMatchObject({
      code: "approval_refused",
    });
    await expect(ask({ username: cashier.username, pin: "6048" })).rejects.toMatchObject({ code: "approval_refused" });
    await expect(ask({ username: manager.username, pin: "4826" })).resolves.toBe(manager.username);
    await expect(ask({ username: manager.username, password: "password-1234" })).resolves.toBe(manager.username);

    const rows = await db
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "approval")
      .where("actor_username", "=", cashier.username)
      .execute();
    expect(rows.filter((r) => r.outcome === "ok").map((r) => r.approver_username)).toEqual([
      manager.username,
      manager.username,
    ]);
    expect(rows.filter((r) => r.outcome === "refused")).toHaveLength(3);
    expect(JSON.stringify(rows)).not.toMatch(/4826|0001|password-1234/);
  });

  it("a PIN does not approve on a device its person never unlocked (the password still does)", async () => {
    const db = await m.getDb();
    const [tablet, other] = [(await m.createDevice(db)).id, (await m.createDevice(db)).id];
    const manager = await person("manager", "7159");
    await signedIn(manager, other);
    const cashier = await signedIn(await person("cashier"), tablet);
    const ask = (approval: { username: string; pin?: string; password?: string }) =>
      m.authorizeAction({
        staff: cashier,
        minimum: "manager",
        approval,
        action: "refund",
        subject: "P2",
        address: "10.0.0.6",
      });
    await expect(ask({ username: manager.username, pin: "7159" })).rejects.toMatchObject({ code: "approval_refused" });
    await expect(ask({ username: manager.username, password: "password-1234" })).resolves.toBe(manager.username);
  });
});

describe("a queued payment: scanned by one person, sent by another", () => {
  it("records both when the scanner's proof vouches (same device, recent session); refuses it otherwise, with nothing sent", async () => {
    const db = await m.getDb();
    const [tablet, other] = [(await m.createDevice(db)).id, (await m.createDevice(db)).id];
    const alice = await signedIn(await person("cashier"), tablet);
    const proof = m.scanProofFor(alice.sessionId);
    // Bob switches in on the same tablet: Alice's session ends ("switched").
    const bob = await signedIn(await person("cashier"), tablet, "pin");
    const { payment } = await m.createPayment({ amount: 700, authCode: code(), scanProof: proof }, bob);
    const row = await db
      .selectFrom("payments")
      .select(["created_by", "sent_by"])
      .where("out_trade_no", "=", payment.outTradeNo)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ created_by: alice.username, sent_by: bob.username });

    // From another device, or with a forged proof, or after Alice was revoked: refused, QFPay never asked.
    const carol = await signedIn(await person("cashier"), other);
    const before = (await harness.sandboxTransactions()).length;
    await expect(m.createPayment({ amount: 700, authCode: code(), scanProof: proof }, carol)).rejects.toMatchObject({
      code: "scanner_unverified",
    });
    await expect(
      m.createPayment({ amount: 700, authCode: code(), scanProof: `${alice.sessionId}.forged` }, bob),
    ).rejects.toMatchObject({ code: "scanner_unverified" });
    await db.updateTable("users").set({ session_version: 9 }).where("id", "=", alice.id).execute();
    await expect(m.createPayment({ amount: 700, authCode: code(), scanProof: proof }, bob)).rejects.toMatchObject({
      code: "scanner_unverified",
    });
    expect((await harness.sandboxTransactions()).length).toBe(before);
  });

  it("a person's own proof is just their own payment", async () => {
    const db = await m.getDb();
    const me = await signedIn(await person("cashier"), (await m.createDevice(db)).id);
    const { payment } = await m.createPayment(
      { amount: 800, authCode: code(), scanProof: m.scanProofFor(me.sessionId) },
      me,
    );
    expect(
      await db
        .selectFrom("payments")
        .select(["created_by", "sent_by"])
        .where("out_trade_no", "=", payment.outTradeNo)
        .executeTakeFirstOrThrow(),
    ).toEqual({ created_by: me.username, sent_by: null });
  });
});

describe("per-person payment limit", () => {
  it(`a person starts at most ${PAYMENT_LIMIT} payments a minute; replays still answer; others are not held up`, async () => {
    const db = await m.getDb();
    const device = (await m.createDevice(db)).id;
    const busy = await signedIn(await person("cashier"), device);
    const firstCode = code();
    const first = await m.createPayment({ amount: 100, authCode: firstCode }, busy);
    for (let i = 1; i < PAYMENT_LIMIT; i++) await m.createPayment({ amount: 100, authCode: code() }, busy);
    await expect(m.createPayment({ amount: 100, authCode: code() }, busy)).rejects.toMatchObject({
      code: "too_many_requests",
    });
    // A resend of a payment already taken answers from the ledger: the limit counts new payments only.
    await expect(
      m.createPayment({ outTradeNo: first.payment.outTradeNo, amount: 100, authCode: firstCode }, busy),
    ).resolves.toMatchObject({ created: false });
    const other = await signedIn(await person("cashier"), (await m.createDevice(db)).id);
    await expect(m.createPayment({ amount: 100, authCode: code() }, other)).resolves.toMatchObject({ created: true });
  });
});
