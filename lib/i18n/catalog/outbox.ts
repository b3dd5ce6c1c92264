import { defineCatalog } from "../define-catalog";

/** The terminal's outbox: payments stored on the device, the connectivity indicator, sign-out refusal. */
export const outbox = defineCatalog(
  "outbox",
  {
    online: "Online",
    offline: "Offline",
    onlineLabel: "The server can be reached.",
    offlineLabel: "The server cannot be reached. Payments are kept on this till and sent when it is back.",
    count: "Unsent: {count}",
    countLabel: "Payments not yet sent to the server: {count}",
    listTitle: "Payments still open on this till",
    listHint: "They are kept on this till and sent or checked automatically. Do not charge these customers again.",
    phaseQueued: "Waiting to send",
    phaseMaybeSent: "Checking whether it arrived",
    phaseAtServer: "Waiting for QFPay",
    scannedAt: "Scanned {time}",
    code: "Code …{last4}",
  },
  {
    online: "在線",
    offline: "離線",
    onlineLabel: "可以連接伺服器。",
    offlineLabel: "無法連接伺服器。交易會保存在此收銀機，恢復連線後自動發送。",
    count: "未發送：{count}",
    countLabel: "尚未送到伺服器的交易：{count} 筆",
    listTitle: "此收銀機上仍未完成的交易",
    listHint: "交易保存在此收銀機，會自動發送或查詢。請勿向這些顧客再次收款。",
    phaseQueued: "等待發送",
    phaseMaybeSent: "正在確認是否已送達",
    phaseAtServer: "等待 QFPay 回覆",
    scannedAt: "掃描於 {time}",
    code: "付款碼 …{last4}",
  },
);
