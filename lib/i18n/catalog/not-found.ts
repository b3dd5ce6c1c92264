import { defineCatalog } from "../define-catalog";

/** The page shown for an address that is not ScanTill's ("common.*" keys), rendered on the server. */
export const notFound = defineCatalog(
  "common",
  {
    notFoundTitle: "Page not found",
    notFoundBody: "There is no page at this address.",
    openTill: "Open the till",
  },
  {
    notFoundTitle: "找不到頁面",
    notFoundBody: "此網址沒有頁面。",
    openTill: "打開收款畫面",
  },
);
