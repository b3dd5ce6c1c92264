/**
 * Wallet codes refresh about every minute and are single use (docs/qfpay.md §10). One guard for the
 * whole tab, shared by every place a code comes in (camera, barcode scanner, typing; the keypad
 * step and the scan step): a retry after "ask for a fresh code" must not take the stale code again.
 */
import { createDuplicateGuard } from "./payment-code";

export const recentPaymentCodes = createDuplicateGuard(60_000);
