import { defineCatalog } from "../define-catalog";

/** Who is signed in, as the top bar shows it. The sign-in screen's text is in auth-sign-in.ts. */
export const auth = defineCatalog(
  "auth",
  {
    demoBadge: "DEMO",
    demoBadgeLabel: "Demo mode: payments go to the local QFPay sandbox",
    roleCashier: "Cashier",
    roleManager: "Manager",
    roleOwner: "Owner",
    signedInAs: "Signed in as {username} ({role})",
  },
  {
    demoBadge: "示範",
    demoBadgeLabel: "示範模式：付款只會送往本機 QFPay 沙盒",
    roleCashier: "收銀員",
    roleManager: "經理",
    roleOwner: "店主",
    signedInAs: "已登入：{username}（{role}）",
  },
);
