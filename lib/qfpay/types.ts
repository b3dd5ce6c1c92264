/**
 * QFPay wire types, snake_case as in the docs. Responses are read defensively (see `read.ts`),
 * so every response field is optional and loosely typed; mapping into domain types happens in
 * the named `to…` functions of each resource module.
 */
import "server-only";

/** Form fields of `POST /trade/v1/payment` for CPM (docs/qfpay.md §3 "Parameters"). `mchid` is added by the transport. */
export type PaymentRequestParams = {
  /** Minor units, integer (§3, §11). */
  txamt: number;
  txcurrcd: string;
  pay_type: string;
  /** Unique across all payments and refunds of the merchant (§3, §12). */
  out_trade_no: string;
  /** `YYYY-MM-DD hh:mm:ss`, merchant time (`POS_TIME_ZONE`, §3 "txdtm time zone"). */
  txdtm: string;
  /** The scanned wallet code, single use (§10). */
  auth_code: string;
  goods_name?: string;
  udid?: string;
};

/** Flat payment answer, the shape every real response has (§3 "Response"). */
export type PaymentResponse = {
  respcd?: string | number;
  resperr?: string;
  respmsg?: string;
  syssn?: string;
  out_trade_no?: string;
  pay_type?: string;
  txamt?: string | number;
  txcurrcd?: string;
  txdtm?: string;
  sysdtm?: string;
  paydtm?: string;
  chnlsn?: string;
  cardcd?: string;
  udid?: string;
};

/** The `data.txstatus` envelope of the newest "Response Format" page, seen in no real response (§3 CONFLICT). */
export type EnvelopeResponse = {
  respcd?: string | number;
  respmsg?: string;
  data?: {
    txstatus?: "SUCCESS" | "FAILED" | "PENDING";
    qf_trade_no?: string;
    out_trade_no?: string;
    pay_type?: string;
    txamt?: string | number;
    txcurrcd?: string;
    txdtm?: string;
  };
};

/** Form fields of `POST /trade/v1/query` (§4). List fields are comma-separated. */
export type QueryRequestParams = {
  syssn?: string;
  out_trade_no?: string;
  pay_type?: string;
  respcd?: string;
  /** Filter on `sysdtm`; both needed outside the current calendar month, window within one month (§4). */
  start_time?: string;
  end_time?: string;
  page?: number;
  /** Default 10, max 100 (§4). */
  page_size?: number;
};

/** Form fields of `POST /trade/v1/refund` (§5). */
export type RefundRequestParams = {
  /** The original payment's syssn. */
  syssn: string;
  /** A new out_trade_no for the refund, never the payment's (§5, §12). */
  out_trade_no: string;
  /** Refund amount, minor units; required for full and partial refunds. */
  txamt: number;
  /** When the refund is requested, merchant time. */
  txdtm: string;
  udid?: string;
};

/** Refund answer (§5). */
export type RefundResponse = {
  respcd?: string | number;
  resperr?: string;
  respmsg?: string;
  /** The refund's own, new syssn. */
  syssn?: string;
  orig_syssn?: string;
  out_trade_no?: string;
  txamt?: string | number;
  txcurrcd?: string;
  txdtm?: string;
  sysdtm?: string;
  paydtm?: string;
  chnlsn?: string;
};

/** Form fields of `POST /trade/v1/reversal` and `/trade/v1/close` (§6): syssn or out_trade_no, at least one. */
export type CancelRequestParams = {
  out_trade_no: string;
  syssn?: string;
  /** The original payment's amount, minor units. */
  txamt: number;
  /** The original payment's txdtm, merchant time. */
  txdtm: string;
  udid?: string;
};

/** Reversal / close answer (§6). */
export type CancelResponse = {
  respcd?: string | number;
  resperr?: string;
  respmsg?: string;
  /** A new syssn for the reversal itself. */
  syssn?: string;
  orig_syssn?: string;
  out_trade_no?: string;
  txamt?: string | number;
  txcurrcd?: string;
  txdtm?: string;
  sysdtm?: string;
  chnlsn?: string;
};

/** `cancel` of a query row or notification (§4 "cancel values"); anything but "0" means undone in some way. */
export type CancelFlag = "0" | "1" | "2" | "3" | "4" | "5";

/** One element of the query answer's `data` (§4 "data[] fields"). */
export type QueryRow = {
  syssn?: string;
  out_trade_no?: string;
  order_type?: "payment" | "refund";
  pay_type?: string;
  /** Minor units, a string in the docs. */
  txamt?: string | number;
  txcurrcd?: string;
  txdtm?: string;
  sysdtm?: string;
  paydtm?: string;
  /** The transaction's own status, unlike the top-level `respcd` (§4, §13.3). */
  respcd?: string | number;
  errmsg?: string;
  cancel?: CancelFlag | number;
  origssn?: string | null;
  chnlsn?: string;
  chnlsn2?: string;
  udid?: string;
  cardcd?: string;
};

/** Query answer: top-level `respcd` "0000" only means the query ran (§4). */
export type QueryResponse = {
  respcd?: string | number;
  resperr?: string;
  respmsg?: string;
  page?: string | number;
  page_size?: string | number;
  data?: QueryRow[];
};

/** Body of an asynchronous notification; sent only for successes (§7). Unknown fields may appear. */
export type NotificationBody = {
  status?: string;
  notify_type?: "payment" | "refund";
  pay_type?: string;
  /** For refunds, the refund's syssn, not the original's (§7). */
  syssn?: string;
  out_trade_no?: string;
  /** A string in the docs; read defensively like every other amount. */
  txamt?: string | number;
  txcurrcd?: string;
  txdtm?: string;
  sysdtm?: string;
  paydtm?: string;
  cancel?: CancelFlag;
  respcd?: string;
  mchid?: string;
  goods_name?: string;
  chnlsn?: string;
  cardcd?: string;
};
