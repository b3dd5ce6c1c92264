import { defineCatalog } from "../define-catalog";

/** The sale's scan and status steps ("sale.*" keys; the keypad's are in sale.ts), loaded with those steps. */
export const saleSteps = defineCatalog(
  "sale",
  {
    scanTitle: "Scan the customer's payment code",
    scanHint: "Ask the customer to open WeChat Pay, Alipay or UnionPay and show the payment code.",
    scanBack: "Back",
    amountToCharge: "Amount to charge",

    sendingTitle: "Sending…",
    sendingBody: "Sending the payment to QFPay. This can take up to 20 seconds.",
    connectionTrouble: "Connection trouble — retrying, do not charge again",
    retryAttempt: "Attempt {attempt} of {total}",
    doNotChargeAgain: "Do not charge again.",
    elapsedLabel: "Since scan:",
    secondsUnit: "s",

    unconfirmedTitle: "Checking whether the payment went through",
    unconfirmedBody:
      "The till could not reach the server. The payment may still be going through. Keep the customer here.",
    unconfirmedNoRecord: "The server has no record of this payment yet.",
    sendAgain: "Send the same payment again",
    sendAgainHint: "Safe to press: it resends this same payment and can never charge twice.",

    pendingTitle: "Waiting for the customer",
    pendingBody: "The customer may be entering their password. Keep the customer here.",
    pendingLong: "Still not confirmed. Ask the customer to check their wallet app.",
    checkingTitle: "Checking with QFPay…",
    checkingBody:
      "QFPay's first answer was not clear. ScanTill is asking QFPay whether the customer was charged. Keep the customer here.",
    checkingLong:
      "Still checking with QFPay. Ask the customer to look in their wallet app whether the payment went through.",
    leaveHint:
      "If the customer cannot wait, you may start a new sale: this payment stays in the Payments list and will still be settled.",

    paidTitle: "Paid",
    failedTitle: "Payment failed",
    cancelledTitle: "Payment cancelled",
    nothingCharged: "Nothing was charged.",
    cancelledBody: "The payment was cancelled before it completed. To try again, ask the customer for a fresh code.",
    needsAttentionTitle: "Outcome unknown",
    needsAttentionBody:
      "QFPay has not confirmed whether the customer was charged. Ask the customer to check their wallet app, and ask a manager to check this payment in QFPay's merchant portal.",

    cancelPayment: "Cancel payment",
    cancelConfirmTitle: "The customer will not be charged. Cancel?",
    cancelConfirmHint:
      "If the customer finishes paying at the same moment, the payment may still go through: this screen will tell you.",
    cancelConfirm: "Yes, cancel payment",
    cancelKeep: "No, keep waiting",
    cancellingTitle: "Cancelling…",
    cancellingBody: "Asking QFPay to cancel this payment. This can take up to 20 seconds.",
    cancelCheckingTitle: "Checking with QFPay",
    cancelCheckingBody:
      "The cancel was sent, but QFPay has not confirmed it yet. Checking with QFPay — do not charge again.",
    cancelCheckingLeave:
      "If you cannot wait, you may start a new sale: this payment stays in the Payments list and will still be settled.",
    cancelRefusedNotFound:
      "The server has no record of this payment, so there is nothing to cancel. This screen keeps checking and will show the payment if it appears.",
    cancelRefusedConflict: "This payment had already finished before the cancel arrived. Showing how it ended…",
    cancelRefusedUnreachable: "Could not reach the server, so the cancel may not have been sent. Try again.",
    cancelRefusedOther: "The server did not cancel the payment: {message}",
    cancelRefusedApproval: "Not cancelled: someone else took this payment, so a manager must approve cancelling it.",
    paidAfterCancelTitle: "Paid after all",
    paidAfterCancelBody:
      "The customer completed the payment while you were cancelling. It is paid: hand over the goods, or ask a manager to refund it.",
    attentionReason: "Reason: {reason}",
    chargedAfterFailureTitle: "The customer was charged",
    chargedAfterFailureBody:
      "QFPay reports the customer was charged after all. Do not charge again: ask a manager, who will refund it or keep it.",
    mismatchTitle: "Ask a manager",
    mismatchBody:
      "QFPay's record of this payment differs from ours (amount or currency), so it is not counted as paid. Ask a manager to check it.",
    otherStatusTitle: "Payment {status}",
    rejectedTitle: "The payment was not sent",
    rejectedBody: "The server refused this request, so no money was taken. Check the code and scan again.",
    codeUsedTitle: "This code was already used",
    codeUsedBody:
      "Ask the customer to refresh their payment code, then scan again. If an earlier payment with this code may still be going through, check the Payments list before charging again.",
    serverSays: "Server: {message}",

    scanAgain: "Scan again",
    newSale: "New sale",
  },
  {
    scanTitle: "掃描客人的付款碼",
    scanHint: "請客人打開微信支付、支付寶或銀聯，出示付款碼。",
    scanBack: "返回",
    amountToCharge: "收款金額",

    sendingTitle: "傳送中…",
    sendingBody: "正在把付款傳送到 QFPay，最多可能需要 20 秒。",
    connectionTrouble: "連線有問題 — 正在重試，切勿重複收款",
    retryAttempt: "第 {attempt} 次，共 {total} 次",
    doNotChargeAgain: "切勿重複收款。",
    elapsedLabel: "掃描後：",
    secondsUnit: "秒",

    unconfirmedTitle: "正在確認付款是否成功",
    unconfirmedBody: "收銀機未能連接伺服器，付款可能仍在處理中。請客人留步。",
    unconfirmedNoRecord: "伺服器暫時未有這筆付款的記錄。",
    sendAgain: "重新傳送同一筆付款",
    sendAgainHint: "可以放心按：只會重新傳送同一筆付款，絕不會重複扣款。",

    pendingTitle: "等待客人確認",
    pendingBody: "客人可能正在輸入密碼。請客人留步。",
    pendingLong: "仍未確認。請客人查看錢包應用程式。",
    checkingTitle: "正在向 QFPay 查詢…",
    checkingBody: "QFPay 的首次回覆不清楚，ScanTill 正在向 QFPay 查詢客人是否已被扣款。請客人留步。",
    checkingLong: "仍在向 QFPay 查詢。請客人在錢包應用程式查看付款是否成功。",
    leaveHint: "如客人不能再等，可以開始新交易：這筆付款會保留在交易記錄中，並會繼續確認結果。",

    paidTitle: "已付款",
    failedTitle: "付款失敗",
    cancelledTitle: "付款已取消",
    nothingCharged: "沒有扣款。",
    cancelledBody: "付款在完成前已被取消。如要再試，請客人刷新付款碼。",
    needsAttentionTitle: "結果未明",
    needsAttentionBody: "QFPay 未確認客人是否已被扣款。請客人查看錢包應用程式，並請經理在 QFPay 商戶後台查看這筆付款。",

    cancelPayment: "取消付款",
    cancelConfirmTitle: "客人將不會被扣款。確定取消？",
    cancelConfirmHint: "如客人剛好在同一時間完成付款，付款仍可能成功：此畫面會顯示結果。",
    cancelConfirm: "是，取消付款",
    cancelKeep: "否，繼續等待",
    cancellingTitle: "正在取消…",
    cancellingBody: "正在要求 QFPay 取消這筆付款，最多可能需要 20 秒。",
    cancelCheckingTitle: "正在向 QFPay 確認",
    cancelCheckingBody: "取消請求已送出，但 QFPay 仍未確認。正在向 QFPay 確認 — 切勿重複收款。",
    cancelCheckingLeave: "如不能再等，可以開始新交易：這筆付款會保留在交易記錄中，並會繼續確認結果。",
    cancelRefusedNotFound: "伺服器沒有這筆付款的記錄，所以無需取消。此畫面會繼續查詢，如付款出現會即時顯示。",
    cancelRefusedConflict: "取消請求到達前，這筆付款已經完成。正在顯示結果…",
    cancelRefusedUnreachable: "未能連接伺服器，取消請求可能未有送出。請再試一次。",
    cancelRefusedOther: "伺服器未有取消這筆付款：{message}",
    cancelRefusedApproval: "未有取消：這筆付款由其他同事收取，須經理批准才可取消。",
    paidAfterCancelTitle: "最終已付款",
    paidAfterCancelBody: "你取消期間，客人已完成付款。這筆交易已付款：請把貨品交給客人，或請經理退款。",
    attentionReason: "原因：{reason}",
    chargedAfterFailureTitle: "客人已被扣款",
    chargedAfterFailureBody: "QFPay 顯示客人其實已被扣款。切勿重複收款：請經理處理，經理會退款或保留款項。",
    mismatchTitle: "請經理處理",
    mismatchBody: "QFPay 對這筆付款的記錄與我們的不符（金額或貨幣），所以不會計作已付款。請經理核對。",
    otherStatusTitle: "付款{status}",
    rejectedTitle: "付款未有送出",
    rejectedBody: "伺服器拒絕了這個請求，所以沒有扣款。請檢查付款碼後再掃描。",
    codeUsedTitle: "此付款碼已被使用",
    codeUsedBody:
      "請客人刷新付款碼，然後再掃描。如較早前用此付款碼的交易可能仍在處理中，請先查看交易記錄，切勿重複收款。",
    serverSays: "伺服器：{message}",

    scanAgain: "再次掃描",
    newSale: "新交易",
  },
);
