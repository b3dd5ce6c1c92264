/** What every route handler gets: the resolved settings, the state, a logger and the shutdown signal. */
import type { SandboxLedger } from "./ledger";
import type { Merchant } from "./merchant";

export type SandboxConfig = {
  merchant: Merchant;
  pendingMs: number;
  slowMs: number;
  codeLifetimeMs: number;
  /** Bodies above this are refused with HTTP 413. */
  maxBodyBytes: number;
};

export type SandboxContext = {
  config: SandboxConfig;
  ledger: SandboxLedger;
  log: (line: string) => void;
  /** Aborted when the sandbox closes: delayed answers stop waiting. */
  signal: AbortSignal;
};
