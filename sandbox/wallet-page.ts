/**
 * The customer's phone: a wallet-like "Pay" screen showing a fresh payment code (Code 128 on top,
 * QR below), a 60-second refresh like real wallets (docs/qfpay.md §10: WeChat codes live ~1 minute), and
 * the result once the cashier has presented the code to /trade/v1/payment.
 *
 * Everything is inline and same-origin (no CDN, fonts or frameworks), so it works on a LAN without
 * internet; the CSP in routes/wallet.ts enforces that. It fetches only `/wallet/*` (never
 * `/_sandbox/*`), so it works on the wallet-only LAN listener too (server.ts `lan`).
 */
import { OUTCOMES, OUTCOME_RULES } from "./outcomes";
import { WALLETS, type Wallet } from "./wallets";

type WalletPageCode = {
  code: string;
  wallet: Wallet;
  outcome: string;
  lifetimeMs: number;
};

type WalletPageInput = {
  initial: WalletPageCode;
  barcodeSvg: string;
  qrSvg: string;
};

const WALLET_LOOK: Readonly<Record<Wallet, { name: string; zh: string; color: string }>> = {
  wechat: { name: "WeChat Pay", zh: "微信支付", color: "#07C160" },
  alipay: { name: "Alipay", zh: "支付寶", color: "#1677FF" },
  unionpay: { name: "UnionPay", zh: "雲閃付", color: "#D7182A" },
};

/** Codes are shown in groups of four, as wallets print them under the barcode. */
function groupDigits(code: string): string {
  return code.replace(/(.{4})(?=.)/g, "$1 ");
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON that is safe inside a <script> element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

const STYLE = `
:root { --brand: #07C160; color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "PingFang HK", "Microsoft JhengHei", sans-serif;
  background: var(--brand); color: #111; min-height: 100vh; -webkit-tap-highlight-color: transparent; }
header { display: flex; align-items: center; justify-content: space-between; padding: 14px 18px 6px; color: #fff; }
header .title { font-size: 20px; font-weight: 600; }
header small, button small, h1 small, label small { display: block; font-size: 12px; font-weight: 400; opacity: .8; }
.tag { font-size: 11px; letter-spacing: .08em; border: 1px solid rgba(255,255,255,.7); border-radius: 4px; padding: 2px 6px; }
main { max-width: 480px; margin: 0 auto; padding: 8px 14px 28px; }
nav { display: grid; grid-template-columns: repeat(3, 1fr); gap: 6px; margin-bottom: 12px; }
nav button { border: 0; border-radius: 10px; padding: 8px 4px; font-size: 14px; font-weight: 600; color: #fff; background: rgba(255,255,255,.18); }
nav button[aria-pressed="true"] { background: #fff; color: var(--brand); }
.card { background: #fff; border-radius: 14px; padding: 16px; margin-bottom: 12px; box-shadow: 0 2px 10px rgba(0,0,0,.08); }
h1 { font-size: 17px; margin: 0 0 2px; }
.hint { margin: 0 0 12px; color: #666; font-size: 13px; }
.barcode svg { display: block; width: 100%; height: auto; }
.digits { text-align: center; font: 600 19px/1.4 ui-monospace, Menlo, Consolas, monospace; letter-spacing: .06em; margin: 6px 0 14px; }
.qrcode { width: 62%; max-width: 240px; margin: 0 auto; }
.qrcode svg { display: block; width: 100%; height: auto; }
.timer { display: flex; align-items: center; justify-content: space-between; margin-top: 14px; font-size: 14px; color: #555; }
.progress { height: 3px; background: #eee; border-radius: 2px; overflow: hidden; margin-top: 10px; }
.progress div { height: 100%; background: var(--brand); width: 100%; }
button.secondary { border: 1px solid var(--brand); color: var(--brand); background: #fff; border-radius: 8px; padding: 8px 14px; font-size: 14px; }
button.primary { border: 0; background: var(--brand); color: #fff; border-radius: 10px; padding: 12px 18px; font-size: 16px; width: 100%; margin-top: 14px; }
.status { text-align: center; padding: 28px 16px; }
.status .icon { font-size: 54px; line-height: 1; }
.status .headline { font-size: 22px; font-weight: 700; margin-top: 10px; }
.status .detail { color: #555; margin-top: 6px; font-size: 14px; word-break: break-word; }
.status.paid .icon { color: #07C160; } .status.failed .icon { color: #D7182A; }
.spinner { width: 48px; height: 48px; margin: 0 auto; border: 5px solid #eee; border-top-color: var(--brand); border-radius: 50%; animation: spin 1s linear infinite; }
@keyframes spin { to { transform: rotate(360deg); } }
label { font-weight: 600; font-size: 14px; display: block; margin-bottom: 8px; }
select { width: 100%; font-size: 16px; padding: 10px; border-radius: 8px; border: 1px solid #ccc; background: #fff; }
.note { color: #777; font-size: 12px; margin: 8px 0 0; }
.error { color: #D7182A; font-size: 13px; margin-top: 8px; min-height: 1em; }
[hidden] { display: none !important; }
`;

// Inline script: plain ES2017, no template literals (this file is itself a template literal).
const SCRIPT = `
(function () {
  "use strict";
  var boot = JSON.parse(document.getElementById("boot").textContent);
  var looks = boot.looks;
  var current = boot.initial;
  var wallet = current.wallet;
  var outcome = current.outcome;
  var deadline = Date.now() + current.lifetimeMs;
  var generation = 0;
  var loading = false;
  var phase = "showing"; // showing -> presented (pending) -> done
  function $(id) { return document.getElementById(id); }

  function groupDigits(code) { return code.replace(/(.{4})(?=.)/g, "$1 "); }
  function formatAmount(txamt, currency) {
    var zeroDecimal = currency === "JPY";
    var n = Number(txamt) / (zeroDecimal ? 1 : 100);
    var text = n.toLocaleString("en-US", { minimumFractionDigits: zeroDecimal ? 0 : 2, maximumFractionDigits: zeroDecimal ? 0 : 2 });
    return (currency === "HKD" ? "HK$" : currency + " ") + text;
  }
  function getText(url) {
    return fetch(url, { cache: "no-store" }).then(function (r) {
      if (!r.ok) throw new Error("HTTP " + r.status);
      return r.text();
    });
  }
  function applyWalletLook() {
    var look = looks[wallet];
    document.documentElement.style.setProperty("--brand", look.color);
    document.querySelector('meta[name="theme-color"]').setAttribute("content", look.color);
    $("wallet-name").textContent = look.name;
    $("wallet-zh").textContent = look.zh;
    var buttons = document.querySelectorAll("nav button");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].setAttribute("aria-pressed", String(buttons[i].getAttribute("data-wallet") === wallet));
    }
    history.replaceState(null, "", "?wallet=" + wallet + "&outcome=" + outcome);
  }
  function setPhase(next) {
    phase = next;
    $("code-card").hidden = next !== "showing";
    $("status").hidden = next === "showing";
  }
  function newCode() {
    var gen = ++generation;
    loading = true;
    $("error").textContent = "";
    fetch("/wallet/code?wallet=" + wallet + "&outcome=" + outcome, { cache: "no-store" })
      .then(function (r) { if (!r.ok) throw new Error("HTTP " + r.status); return r.json(); })
      .then(function (issued) {
        var q = encodeURIComponent(issued.code);
        return Promise.all([
          getText("/wallet/barcode.svg?type=code128&text=" + q),
          getText("/wallet/barcode.svg?type=qrcode&text=" + q),
        ]).then(function (svgs) {
          if (gen !== generation) return;
          current = issued;
          deadline = Date.now() + issued.lifetimeMs;
          $("barcode").innerHTML = svgs[0];
          $("qrcode").innerHTML = svgs[1];
          $("digits").textContent = groupDigits(issued.code);
          setPhase("showing");
        });
      })
      .catch(function (e) { if (gen === generation) $("error").textContent = "Could not reach the sandbox (" + e.message + "). Retrying…"; })
      .then(function () { if (gen === generation) { loading = false; if ($("error").textContent) deadline = Date.now() + 3000; } });
  }
  function tick() {
    if (phase !== "showing" || loading) return;
    var leftMs = Math.max(0, deadline - Date.now());
    $("countdown").textContent = "Refreshes in " + Math.ceil(leftMs / 1000) + " s";
    $("progress").style.width = (100 * leftMs / current.lifetimeMs).toFixed(1) + "%";
    if (leftMs <= 0) newCode();
  }
  function showTransaction(tx) {
    var box = $("status");
    var amount = formatAmount(tx.txamt, tx.txcurrcd);
    box.className = "card status " + tx.status;
    if (tx.status === "pending") {
      setPhase("presented");
      $("status-icon").innerHTML = '<div class="spinner"></div>';
      $("status-headline").textContent = tx.respcd === "1143" ? "Enter your payment password… 請輸入支付密碼" : "Processing… 處理中";
      $("status-detail").textContent = amount + " · waiting for the wallet (" + tx.respcd + ")";
      $("again").hidden = true;
    } else {
      setPhase("done");
      $("status-icon").textContent = tx.status === "paid" ? "✓" : "✕";
      $("status-headline").textContent = tx.status === "paid" ? "Payment received " + amount : tx.status === "cancelled" ? "Payment cancelled 已取消付款" : "Payment failed 付款失敗";
      $("status-detail").textContent = tx.status === "paid" ? "付款成功 · " + tx.syssn : amount + " · " + tx.resperr;
      $("again").hidden = false;
    }
  }
  function poll() {
    if (phase === "done" || !current) return;
    var code = current.code;
    fetch("/wallet/status?code=" + encodeURIComponent(code), { cache: "no-store" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (s) { if (s && s.transaction && current.code === code && phase !== "done") showTransaction(s.transaction); })
      .catch(function () {});
  }

  var buttons = document.querySelectorAll("nav button");
  for (var i = 0; i < buttons.length; i++) {
    buttons[i].addEventListener("click", function (ev) {
      wallet = ev.currentTarget.getAttribute("data-wallet");
      applyWalletLook();
      newCode();
    });
  }
  $("outcome").value = outcome;
  $("outcome").addEventListener("change", function () { outcome = $("outcome").value; applyWalletLook(); newCode(); });
  $("refresh").addEventListener("click", newCode);
  $("again").addEventListener("click", newCode);
  applyWalletLook();
  setInterval(tick, 250);
  setInterval(poll, 1000);
  tick();
  // Keep the screen on while showing a code, where the browser allows it (secure contexts only).
  if (navigator.wakeLock) navigator.wakeLock.request("screen").catch(function () {});
})();
`;

export function renderWalletPage(input: WalletPageInput): string {
  const { initial } = input;
  const look = WALLET_LOOK[initial.wallet];
  const boot = { initial, looks: WALLET_LOOK };
  const walletButtons = WALLETS.map(
    (w) =>
      `<button type="button" data-wallet="${w}" aria-pressed="${w === initial.wallet}">${escapeHtml(WALLET_LOOK[w].name)}<small>${escapeHtml(WALLET_LOOK[w].zh)}</small></button>`,
  ).join("");
  const outcomeOptions = OUTCOMES.map(
    (o) =>
      `<option value="${o}"${o === initial.outcome ? " selected" : ""}>${escapeHtml(OUTCOME_RULES[o].label)}</option>`,
  ).join("");

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<meta name="theme-color" content="${look.color}">
<title>Sandbox wallet · Pay 付款</title>
<link rel="icon" href="data:,">
<style>${STYLE}</style>
</head>
<body>
<header>
  <div class="title"><span id="wallet-name">${escapeHtml(look.name)}</span><small id="wallet-zh">${escapeHtml(look.zh)}</small></div>
  <span class="tag">QFPAY SANDBOX</span>
</header>
<main>
  <nav aria-label="Wallet">${walletButtons}</nav>
  <section class="card" id="code-card">
    <h1>Pay the merchant<small>向商家付款</small></h1>
    <p class="hint">Show this code to the cashier · 向商家出示付款碼</p>
    <div class="barcode" id="barcode" role="img" aria-label="Payment barcode">${input.barcodeSvg}</div>
    <div class="digits" id="digits">${escapeHtml(groupDigits(initial.code))}</div>
    <div class="qrcode" id="qrcode" role="img" aria-label="Payment QR code">${input.qrSvg}</div>
    <div class="progress"><div id="progress"></div></div>
    <div class="timer"><span id="countdown">Refreshes in ${Math.ceil(initial.lifetimeMs / 1000)} s</span><button type="button" class="secondary" id="refresh">Refresh 刷新</button></div>
    <div class="error" id="error" role="alert"></div>
  </section>
  <section class="card status" id="status" hidden aria-live="polite">
    <div class="icon" id="status-icon"></div>
    <div class="headline" id="status-headline"></div>
    <div class="detail" id="status-detail"></div>
    <button type="button" class="primary" id="again" hidden>Show a new code 新付款碼</button>
  </section>
  <section class="card">
    <label for="outcome">When the cashier scans this code<small>模擬付款結果</small></label>
    <select id="outcome">${outcomeOptions}</select>
    <p class="note">Sandbox only: the code's last four digits choose what the wallet does. A code works once.</p>
  </section>
</main>
<script type="application/json" id="boot">${scriptJson(boot)}</script>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
