import { defineCatalog } from "../define-catalog";

/** What a barcode scanner read on the keypad step ("scan.*" keys; the scanner's own are in scan.ts). */
export const scanReads = defineCatalog(
  "scan",
  {
    readProductBarcode: "That's a product barcode — scan the customer's payment code.",
    readNotPaymentCode: "That's not a payment code — ask the customer to open their wallet's payment code.",
    readDuplicate: "This code was just scanned. Ask the customer to refresh their payment code.",
    keyAmountFirst: "Key the amount first, then scan the customer's code.",
  },
  {
    readProductBarcode: "這是商品條碼，請掃描客人的付款碼。",
    readNotPaymentCode: "這不是付款碼，請客人打開錢包的付款碼。",
    readDuplicate: "此付款碼剛剛已掃描。請客人更新付款碼。",
    keyAmountFirst: "請先輸入金額，然後掃描客人的付款碼。",
  },
);
