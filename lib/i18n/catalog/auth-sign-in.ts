import { defineCatalog } from "../define-catalog";

/** The sign-in screen ("auth.*" keys; what the top bar shows of the signed-in person is in auth.ts). */
export const authSignIn = defineCatalog(
  "auth",
  {
    signInTitle: "Sign in",
    signInSubtitle: "Staff sign-in for this till",
    username: "Username",
    password: "Password",
    submit: "Sign in",
    submitting: "Signing in…",
    wrongCredentials: "Wrong username or password.",
    missingCredentials: "Enter your username and password.",
    signInUnavailable: "Could not sign in. Check the connection and try again.",
    demoBanner: "Demo mode — no real money moves (local QFPay sandbox)",
    demoStaffTitle: "Demo staff",
    demoStaffHint: "Tap a name to fill in the form, then sign in.",
    demoFill: "Use {username}",
    demoPin: "PIN {pin}",
  },
  {
    signInTitle: "登入",
    signInSubtitle: "此收銀機的員工登入",
    username: "用戶名稱",
    password: "密碼",
    submit: "登入",
    submitting: "登入中…",
    wrongCredentials: "用戶名稱或密碼錯誤。",
    missingCredentials: "請輸入用戶名稱及密碼。",
    signInUnavailable: "未能登入，請檢查網絡連線後再試。",
    demoBanner: "示範模式 — 不涉及真實款項（本機 QFPay 沙盒）",
    demoStaffTitle: "示範員工",
    demoStaffHint: "按一下名稱即可填入表格，然後登入。",
    demoFill: "使用 {username}",
    demoPin: "PIN 碼 {pin}",
  },
);
