import { defineCatalog } from "../define-catalog";

/** The service worker's offline page (app/~offline). */
export const offline = defineCatalog(
  "offline",
  {
    title: "You're offline",
    body: "You're offline — the till keeps your payments and sends them when the network returns.",
    hint: "This page needs the network. The sale screen opens without it once it has been opened here online.",
    openTill: "Open the till",
    retry: "Try again",
  },
  {
    title: "你已離線",
    body: "你已離線 — 收銀機會保留你的收款，並在網絡恢復後送出。",
    hint: "此頁面需要網絡。收款畫面只要曾在此裝置上線時開啟過，離線亦可開啟。",
    openTill: "打開收款畫面",
    retry: "再試一次",
  },
);
