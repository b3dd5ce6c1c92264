/**
 * What a staff PIN looks like, for both sides: the server refuses any other (lib/auth/pins.ts) and
 * the approval dialog says so before sending (components/approval/approval.ts). Pure.
 */

/** 4–6 digits. */
export const PIN_PATTERN = /^\d{4,6}$/;

/** The longest PIN: what a PIN field lets the person type. */
export const PIN_MAX_LENGTH = 6;
