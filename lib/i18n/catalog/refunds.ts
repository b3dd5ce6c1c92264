import { defineCatalog } from "../define-catalog";

// Refunds of a payment (payment detail page; a cashier's refund needs a manager's approval). zh-HK must have the same keys.
export const refunds = defineCatalog(
  "refunds",
  {
    panelTitle: "Refund",
    leftToRefund: "Left to refund",
    refundAll: "Refund all ({amount})",
    refundRest: "Refund the rest ({amount})",
    refundPart: "Refund part",
    rulesHint:
      "QFPay pays refunds out of today's takings for the same wallet. Payments made between 23:30 and 00:30 cannot be refunded.",
    approvalHint: "A manager approves your refund on this till with their PIN or password.",
    inProgress: "A refund of this payment is still being processed. Wait for it to finish before refunding more.",
    nothingLeft: "Nothing is left to refund on this payment.",

    amountTitle: "How much to refund?",
    amountLabel: "Amount to refund ({currency})",
    amountHint: "At most {amount}.",
    amountNext: "Next",
    amountInvalid: "Enter an amount such as 12.50.",
    amountZero: "Enter an amount above zero.",
    amountTooMuch: "At most {amount} can be refunded.",

    confirmTitle: "Refund {amount}?",
    confirmBody: "The money goes back to the customer's {wallet}. A refund cannot be undone.",
    confirmButton: "Refund {amount}",

    sendingTitle: "Refunding…",
    sendingBody: "Sending the refund to QFPay. Stay on this page.",

    succeededTitle: "Refunded {amount}",
    succeededBody: "QFPay accepted the refund. The money goes back to the customer's wallet.",
    pendingTitle: "Refund processing",
    pendingBody:
      "QFPay is still processing this refund of {amount}. This page checks again by itself — do not refund it again.",
    failedTitle: "Refund refused",
    failedNothing: "Nothing was refunded.",
    attentionTitle: "Refund not confirmed",
    attentionBody:
      "QFPay has not confirmed this refund of {amount}. Check it in QFPay's merchant portal before refunding again.",
    rejectedTitle: "Refund not made",
    rejectedBody: "The server refused the refund, so nothing was refunded.",
    forbidden: "Only a manager or owner can refund payments.",
    unknownTitle: "No answer from the server",
    unknownBody:
      "The refund of {amount} may or may not have been made. Send the same refund again: this is safe and can never refund twice.",
    resend: "Send the same refund again",

    reasonWindowClosed:
      "QFPay does not allow refunds of payments made between 23:30 and 00:30, of promotions, or after the refund period.",
    reasonInsufficientTakings:
      "Refunds are paid from today's takings for this wallet, and there isn't enough yet today. Try again later, or tomorrow after 11:00.",
    reasonPartialNotAllowed: "This wallet or currency can only be refunded in full.",
    reasonExceedsRefundable: "That is more than what is left to refund.",
    reasonAlreadyRefunded: "This payment is already fully refunded or closed.",
    reasonDuplicateRequest: "A refund of this payment is still being processed. Wait, then check again.",
    reasonRefused: "QFPay refused the refund.",

    statusPending: "Processing",
    statusSucceeded: "Refunded",
    statusFailed: "Refused",
    statusNeedsAttention: "Needs attention",

    historyTitle: "Refunds",
    historyBy: "by {username}",
    historyApprovedBy: "approved by {username}",
    fieldRefundSyssn: "QFPay refund no.",
    historyPending: "QFPay is still processing this refund. ScanTill checks again by itself.",
    historyAttention:
      "QFPay has not confirmed this refund. ScanTill keeps checking; check it in QFPay's merchant portal before refunding again.",
    openPendingTitle: "Refund in progress",
    openAttentionTitle: "Refund not confirmed",
    keepsChecking: "ScanTill keeps asking QFPay and updates this page when it answers.",
    badgePending: "Refund pending",
    badgeAttention: "Refund needs attention",
    listPending: "Refund of {amount} processing at QFPay",
    listAttention: "Refund of {amount} not confirmed by QFPay",
  },
  {
    panelTitle: "退款",
    leftToRefund: "可退款金額",
    refundAll: "全數退款（{amount}）",
    refundRest: "退還餘額（{amount}）",
    refundPart: "部分退款",
    rulesHint: "QFPay 會從同一錢包當日的收款中支付退款。於 23:30 至 00:30 期間完成的付款不能退款。",
    approvalHint: "退款需由經理在這部收銀機輸入 PIN 碼或密碼批准。",
    inProgress: "這筆付款有一項退款仍在處理中。請等它完成後再退款。",
    nothingLeft: "這筆付款已沒有可退款的金額。",

    amountTitle: "退款金額是多少？",
    amountLabel: "退款金額（{currency}）",
    amountHint: "最多 {amount}。",
    amountNext: "下一步",
    amountInvalid: "請輸入金額，例如 12.50。",
    amountZero: "金額必須大於零。",
    amountTooMuch: "最多只可退款 {amount}。",

    confirmTitle: "確認退款 {amount}？",
    confirmBody: "款項會退回客人的{wallet}。退款後不能撤銷。",
    confirmButton: "退款 {amount}",

    sendingTitle: "退款中…",
    sendingBody: "正在把退款傳送到 QFPay，請留在此頁面。",

    succeededTitle: "已退款 {amount}",
    succeededBody: "QFPay 已接納退款，款項會退回客人的錢包。",
    pendingTitle: "退款處理中",
    pendingBody: "QFPay 仍在處理這筆 {amount} 的退款。此頁會自動再查詢 — 切勿重複退款。",
    failedTitle: "退款被拒絕",
    failedNothing: "沒有退款。",
    attentionTitle: "退款未確認",
    attentionBody: "QFPay 未確認這筆 {amount} 的退款。再次退款前，請先在 QFPay 商戶後台查看。",
    rejectedTitle: "未有退款",
    rejectedBody: "伺服器拒絕了退款請求，所以沒有退款。",
    forbidden: "只有經理或店主可以退款。",
    unknownTitle: "伺服器沒有回應",
    unknownBody: "這筆 {amount} 的退款可能已經完成，也可能沒有。請重新傳送同一筆退款：這樣做很安全，絕不會重複退款。",
    resend: "重新傳送同一筆退款",

    reasonWindowClosed:
      "QFPay 不接受以下付款的退款：於 23:30 至 00:30 期間完成的付款、推廣優惠付款，或已超過退款期限的付款。",
    reasonInsufficientTakings:
      "退款會從這個錢包今日的收款中支付，但今日的收款暫時不足。請稍後再試，或於明天 11:00 後再試。",
    reasonPartialNotAllowed: "這個錢包或貨幣只可全數退款。",
    reasonExceedsRefundable: "金額超過可退款的餘額。",
    reasonAlreadyRefunded: "這筆付款已全數退款或已關閉。",
    reasonDuplicateRequest: "這筆付款有一項退款仍在處理中。請稍候再查看。",
    reasonRefused: "QFPay 拒絕了退款。",

    statusPending: "處理中",
    statusSucceeded: "已退款",
    statusFailed: "被拒絕",
    statusNeedsAttention: "需要跟進",

    historyTitle: "退款記錄",
    historyBy: "經手人：{username}",
    historyApprovedBy: "批准人：{username}",
    fieldRefundSyssn: "QFPay 退款編號",
    historyPending: "QFPay 仍在處理這筆退款。ScanTill 會自動再查詢。",
    historyAttention: "QFPay 未確認這筆退款。ScanTill 會繼續查詢；再次退款前，請先在 QFPay 商戶後台查看。",
    openPendingTitle: "退款處理中",
    openAttentionTitle: "退款未確認",
    keepsChecking: "ScanTill 會繼續向 QFPay 查詢，有回覆時會更新此頁。",
    badgePending: "退款處理中",
    badgeAttention: "退款需要跟進",
    listPending: "{amount} 的退款正由 QFPay 處理",
    listAttention: "{amount} 的退款未獲 QFPay 確認",
  },
);
