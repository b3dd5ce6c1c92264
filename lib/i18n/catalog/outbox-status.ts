import { defineCatalog } from "../define-catalog";

/** What the sale's status step says of a payment still in the outbox ("outbox.*" keys; the top bar's and the list's are in outbox.ts). */
export const outboxStatus = defineCatalog(
  "outbox",
  {
    queuedTitle: "Waiting for the network",
    queuedBody:
      "The till is offline. This payment is stored on the till and will be sent as soon as the network is back, if the code is still valid.",
    expiredTitle: "Ask for a fresh code",
    expiredBody:
      "The network was down for longer than a payment code lasts, so this code was never sent. Nothing was charged. Ask the customer to refresh their code and scan again.",
    storageUnavailable:
      "This browser cannot store payments on the till (storage is off or full), so nothing can be sent safely.",
  },
  {
    queuedTitle: "等待網絡",
    queuedBody: "收銀機目前離線。此交易已保存在收銀機，網絡恢復後會立即發送（如付款碼仍然有效）。",
    expiredTitle: "請顧客提供新的付款碼",
    expiredBody: "網絡中斷時間超過付款碼的有效期，此付款碼從未發送，沒有扣款。請顧客刷新付款碼後再掃描。",
    storageUnavailable: "此瀏覽器無法在收銀機上保存交易（儲存空間已關閉或已滿），因此無法安全發送。",
  },
);
