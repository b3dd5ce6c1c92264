import { defineCatalog } from "../define-catalog";

/** The top bar's count of payments that need a manager ("common.*" keys), loaded with that count. */
export const attentionCount = defineCatalog(
  "common",
  {
    attentionCount: "Needs attention: {count}",
    attentionCountLabel: "Payments needing attention: {count}. Open the Payments page.",
  },
  {
    attentionCount: "需要跟進：{count}",
    attentionCountLabel: "需要跟進的交易：{count} 筆。打開交易記錄頁面。",
  },
);
