import { defineCatalog } from "../define-catalog";

/** The shared till (issue 9): the top bar's Lock button. The lock screen's text is in till-lock.ts. */
export const till = defineCatalog(
  "till",
  {
    lock: "Lock",
    lockLabel: "Lock the till (switch person)",
  },
  {
    lock: "鎖定",
    lockLabel: "鎖定收銀機（換人）",
  },
);
