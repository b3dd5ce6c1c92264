import { defineCatalog } from "../define-catalog";

export const common = defineCatalog(
  {
    appName: "ScanTill",
    language: "Language",
    switchToOther: "中文",
    signOut: "Sign out",
    cancel: "Cancel",
    back: "Back",
    retry: "Try again",
    loading: "Loading…",
    unexpectedError: "Something went wrong. Please try again.",
    mainNav: "Main",
    navSale: "Sale",
    navPayments: "Payments",
    none: "—",
  },
  {
    appName: "ScanTill",
    language: "語言",
    switchToOther: "English",
    signOut: "登出",
    cancel: "取消",
    back: "返回",
    retry: "再試一次",
    loading: "載入中…",
    unexpectedError: "發生錯誤，請再試一次。",
    mainNav: "主選單",
    navSale: "收款",
    navPayments: "交易記錄",
    none: "—",
  },
);
