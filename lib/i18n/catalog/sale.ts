import { defineCatalog } from "../define-catalog";

/** The sale's keypad step. The scan and status steps' text is in sale-steps.ts, loaded with them. */
export const sale = defineCatalog(
  "sale",
  {
    title: "New sale",
    amountLabel: "Amount",
    enterAmount: "Key in the amount",
    keypadLabel: "Amount keypad",
    keyBackspace: "Delete the last digit",
    keyClear: "Clear the amount",
    maxAmount: "That is the largest amount allowed.",
    charge: "Charge {amount}",
  },
  {
    title: "新交易",
    amountLabel: "金額",
    enterAmount: "請輸入金額",
    keypadLabel: "金額鍵盤",
    keyBackspace: "刪除最後一個數字",
    keyClear: "清除金額",
    maxAmount: "已達金額上限。",
    charge: "收款 {amount}",
  },
);
