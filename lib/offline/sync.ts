/**
 * Drains the outbox (BROWSER ONLY): sends, resends and looks up payments in order, one drain at a
 * time per tab and one tab per item, and reports an outcome per item instead of throwing.
 *
 * Owns: the drain loop and what each answer does to an item. Must never: make a new outTradeNo,
 * send an item whose code is past its lifetime, send one the cashier asked to cancel, drop an
 * item that may have reached the server, or keep a code that can never be sent again (see
 * `send-rules.ts` for the exact rules).
 */
import type { ApiErrorDetail } from "@/lib/contract/error-body";
import type { CreatePaymentInput, PaymentView } from "@/lib/contract/payments";
import { isFinal } from "@/lib/contract/payment-status";
import { withItemLock, singleFlight, type ItemLockOptions } from "./locks";
import type { Outbox } from "./outbox";
import type { OutboxItem } from "./outbox-item";
import {
  afterNotFound,
  codeEraseDueAt,
  codeIsFresh,
  codeIsSpent,
  decide,
  PENDING_LOOKUP_MS,
  RETRY_AFTER_UNREACHABLE_MS,
  withoutSpentCode,
} from "./send-rules";

/** The payment request (the contract's), always with the key and currency the item was made with. */
export type SendInput = CreatePaymentInput & { outTradeNo: string; currency: string };

export type SendResult =
  | { kind: "accepted"; payment: PaymentView }
  /** Our server refused it (400, 409): nothing reached QFPay. */
  | { kind: "refused"; error: ApiErrorDetail }
  | { kind: "signedOut" }
  | { kind: "unreachable"; reason: string };

export type LookupResult =
  | { kind: "found"; payment: PaymentView }
  | { kind: "notFound" }
  | { kind: "signedOut" }
  | { kind: "unreachable"; reason: string };

export type OutboxTransport = {
  send(input: SendInput): Promise<SendResult>;
  lookup(outTradeNo: string): Promise<LookupResult>;
};

/** What one drain did with an item. */
type ItemOutcome =
  | "sent"
  | "found"
  | "final"
  | "rejected"
  | "expired"
  | "unreachable"
  | "waiting"
  | "offline"
  | "busy"
  | "signed_out"
  | "closed";

type DrainReport = { outcomes: Record<string, ItemOutcome> };

type OutboxSyncOptions = {
  outbox: Outbox;
  transport: OutboxTransport;
  connectivity: { isOnline(): boolean; suspect(): unknown };
  lock: Omit<ItemLockOptions, "outbox">;
  now?: () => number;
  /** Called after every write to an item (the UI reloads; other tabs are told). */
  onChange?: (item: OutboxItem) => void;
};

export type OutboxSync = ReturnType<typeof createOutboxSync>;

export function createOutboxSync(options: OutboxSyncOptions) {
  const { outbox, transport, connectivity } = options;
  const now = options.now ?? Date.now;
  const lockOptions: ItemLockOptions = { ...options.lock, outbox, now };

  /**
   * Every write also erases a code that can never be sent again (send-rules rule 4), so no path
   * (keep looking, a lost answer, signed out, a cancel) writes an item back with a spent code.
   */
  async function write(
    outTradeNo: string,
    change: (item: OutboxItem) => OutboxItem | null,
  ): Promise<OutboxItem | undefined> {
    const item = await outbox.update(outTradeNo, (current) => {
      const next = change(current);
      if (next === null) return codeIsSpent(current, now()) ? withoutSpentCode(current, now()) : null;
      return withoutSpentCode(next, now());
    });
    if (item) options.onChange?.(item);
    return item;
  }

  /** Rule 4 on every item, before anything else in a pass: needs no network, no lock and no session. */
  async function eraseSpentCodes(): Promise<void> {
    for (const item of await outbox.list()) {
      if (codeIsSpent(item, now())) await write(item.outTradeNo, () => null);
    }
  }

  function withPayment(item: OutboxItem, payment: PaymentView): OutboxItem {
    const final = isFinal(payment.status);
    return {
      ...item,
      phase: final ? "final" : "at_server",
      // The server has the payment: the code is no longer needed on this device.
      authCode: null,
      payment,
      serverStatus: payment.status,
      error: null,
      nextActionAt: now() + PENDING_LOOKUP_MS,
      notFoundAt: null,
    };
  }

  const expire = (item: OutboxItem) => write(item.outTradeNo, (i) => ({ ...i, phase: "expired", authCode: null }));

  async function send(item: OutboxItem): Promise<ItemOutcome> {
    // The code is taken from the stored item, in the same transaction that records the attempt, and
    // only while it is still fresh by the clock that erases it: never sent once it is spent.
    const taken: { input: SendInput | null } = { input: null };
    await write(item.outTradeNo, (i) => {
      if (i.cancelRequested || !codeIsFresh(i, now()) || i.authCode === null) return null;
      taken.input = {
        outTradeNo: i.outTradeNo,
        amount: i.amount,
        currency: i.currency,
        authCode: i.authCode,
        ...(i.scannedBy ? { scanProof: i.scannedBy.scanProof } : {}),
      };
      // Written before the request leaves: from here on the item "may have reached the server".
      return { ...i, phase: "maybe_sent", attempts: i.attempts + 1, lastSendStartedAt: now(), lastSendEndedAt: null };
    });
    const { input } = taken;
    if (input === null) return "waiting"; // spent meanwhile: the next pass expires it or looks it up
    let result: SendResult;
    try {
      result = await transport.send(input);
    } catch (error) {
      result = { kind: "unreachable", reason: error instanceof Error ? error.name : "send_failed" };
    }
    const ended = now();
    switch (result.kind) {
      case "accepted": {
        const saved = await write(item.outTradeNo, (i) =>
          withPayment({ ...i, lastSendEndedAt: ended }, result.payment),
        );
        return saved?.phase === "final" ? "final" : "sent";
      }
      case "refused":
        await write(item.outTradeNo, (i) => ({
          ...i,
          phase: "rejected",
          authCode: null,
          error: result.error,
          lastSendEndedAt: ended,
        }));
        return "rejected";
      case "signedOut":
        await write(item.outTradeNo, (i) => ({ ...i, lastSendEndedAt: ended, nextActionAt: ended + 5_000 }));
        return "signed_out";
      case "unreachable":
        await write(item.outTradeNo, (i) => ({
          ...i,
          lastSendEndedAt: ended,
          nextActionAt: ended + RETRY_AFTER_UNREACHABLE_MS,
        }));
        void connectivity.suspect();
        return "unreachable";
    }
  }

  async function lookup(item: OutboxItem): Promise<ItemOutcome> {
    const started = now();
    let result: LookupResult;
    try {
      result = await transport.lookup(item.outTradeNo);
    } catch (error) {
      result = { kind: "unreachable", reason: error instanceof Error ? error.name : "lookup_failed" };
    }
    switch (result.kind) {
      case "found": {
        const saved = await write(item.outTradeNo, (i) => withPayment(i, result.payment));
        return saved?.phase === "final" ? "final" : "found";
      }
      case "signedOut":
        await write(item.outTradeNo, (i) => ({ ...i, nextActionAt: now() + 5_000 }));
        return "signed_out";
      case "unreachable":
        await write(item.outTradeNo, (i) => ({ ...i, nextActionAt: now() + RETRY_AFTER_UNREACHABLE_MS }));
        void connectivity.suspect();
        return "unreachable";
      case "notFound": {
        if (item.phase === "at_server") {
          // The server showed it before: a 404 now is a server problem, never a reason to resend.
          await write(item.outTradeNo, (i) => ({ ...i, nextActionAt: now() + RETRY_AFTER_UNREACHABLE_MS }));
          return "waiting";
        }
        const next = afterNotFound(item, started, now());
        if (next.action === "expire") {
          await expire(item);
          return "expired";
        }
        // The screen says "the server has no record of it yet" from this (payment-status-view.tsx).
        const notFound = await write(item.outTradeNo, (i) => ({
          ...i,
          notFoundAt: now(),
          ...(next.action === "keep_looking" ? { nextActionAt: next.nextActionAt } : {}),
        }));
        if (next.action === "resend") return send(notFound ?? item);
        return "waiting";
      }
    }
  }

  async function act(item: OutboxItem): Promise<ItemOutcome> {
    switch (decide(item, now(), connectivity.isOnline())) {
      case "expire":
        await expire(item);
        return "expired";
      case "send":
        return send(item);
      case "lookup":
        return lookup(item);
      case "wait":
        return connectivity.isOnline() ? "waiting" : "offline";
      case "none":
        return "closed";
    }
  }

  async function processItem(item: OutboxItem, networkOk: boolean): Promise<ItemOutcome> {
    const decision = decide(item, now(), connectivity.isOnline() && networkOk);
    if (decision === "none") return "closed";
    if (decision === "wait") return connectivity.isOnline() && networkOk ? "waiting" : "offline";
    const locked = await withItemLock(item.outTradeNo, lockOptions, async () => {
      // Another tab may have moved it on since the list was read.
      const fresh = await outbox.get(item.outTradeNo);
      if (!fresh) return "closed" as const;
      if (decide(fresh, now(), connectivity.isOnline() && networkOk) === "wait") return "waiting" as const;
      return act(fresh);
    });
    return locked.acquired ? locked.value : "busy";
  }

  /** One pass over the outstanding items, oldest first. After a network failure only local rules run. */
  async function pass(): Promise<DrainReport> {
    const outcomes: Record<string, ItemOutcome> = {};
    let networkOk = true;
    await eraseSpentCodes();
    for (const item of await outbox.listOutstanding()) {
      const outcome = await processItem(item, networkOk);
      outcomes[item.outTradeNo] = outcome;
      if (outcome === "unreachable" || outcome === "signed_out") networkOk = false;
    }
    await outbox.purge();
    return { outcomes };
  }

  const drain = singleFlight(pass);

  return {
    drain,
    /** Only the local rule that erases spent codes: runs while the till is locked and sends nothing. */
    eraseSpentCodes,
    /** The network came back, or the cashier asked: look at every outstanding item now, not at its backoff time. */
    async kick(outTradeNo?: string): Promise<DrainReport> {
      for (const item of await outbox.listOutstanding()) {
        if (outTradeNo && item.outTradeNo !== outTradeNo) continue;
        if (item.nextActionAt > now()) await write(item.outTradeNo, (i) => ({ ...i, nextActionAt: now() }));
      }
      return drain();
    },
    /** The cashier asked to cancel it: it is never sent again, only looked up. */
    markCancelRequested(outTradeNo: string) {
      return write(outTradeNo, (i) => ({ ...i, cancelRequested: true }));
    },
    /** The cashier moved on from it: the sale screen no longer resumes it (the list still shows it while outstanding). */
    dismiss(outTradeNo: string) {
      return write(outTradeNo, (i) => (i.dismissed ? null : { ...i, dismissed: true }));
    },
    /** When the next pass is due (the earliest `nextActionAt` of an outstanding item), or null. */
    async nextDueAt(): Promise<number | null> {
      const outstanding = await outbox.listOutstanding();
      if (outstanding.length === 0) return null;
      // Offline, only a queued item's expiry can change anything (the heartbeat's return kicks the rest),
      // and a stored code must be erased when it expires, online or not (send-rules rule 4).
      const online = connectivity.isOnline();
      const due = outstanding.map((i) =>
        Math.min(
          i.phase === "queued" ? (online ? i.nextActionAt : i.codeExpiresAt) : online ? i.nextActionAt : Infinity,
          codeEraseDueAt(i) ?? Infinity,
        ),
      );
      const first = Math.min(...due);
      return Number.isFinite(first) ? first : null;
    },
  };
}
