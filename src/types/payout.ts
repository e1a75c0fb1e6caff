/**
 * Payouts and payout providers: one type per concept, shared by the payout module, the workflows,
 * the routes and the admin.
 */

/** pending -> sent -> paid, or failed (its lines return to approved). */
export type PayoutStatus = "pending" | "sent" | "paid" | "failed"

/** What a provider is asked to pay: one payout of one distributor in one currency. */
export type PayoutRequest = {
  /** the payout's id */
  id: string
  /** the first attempt's id; a retry repeats it so a provider never pays twice */
  idempotency_key: string
  /** the payout run this payout belongs to (Stripe's `transfer_group`) */
  run_id: string
  /** exact, in major units ("12.50") */
  amount: string
  currency_code: string
  distributor: { id: string; handle: string; display_name: string | null; email: string | null; customer_id: string | null }
  /** the distributor's stored details for this provider (e.g. `{ account_id }` for Stripe Connect) */
  details: Record<string, unknown>
}

/**
 * A provider's answer. `failed` is a definite refusal (the lines return to approved). A provider
 * that cannot tell (network error, timeout) throws instead: the payout stays `pending` and a retry
 * repeats the same idempotency key.
 */
export type PayoutProviderResult = {
  status: PayoutStatus
  reference?: string | null
  message?: string | null
}

/** A status change a provider learnt from a webhook. */
export type PayoutWebhookResult = { payout_id?: string; reference?: string; status: PayoutStatus; message?: string | null }

/** What a provider's calls may use from the host app (e.g. the Store Credit module). */
export type PayoutProviderContext = { container: { resolve<T = any>(key: string): T; hasRegistration?(key: string): boolean } }

/**
 * The interface every payout provider implements (see README, "Payout providers"). Register one with
 * `payouts: { providers: [{ resolve, id, options }] }` in the plugin options.
 */
export interface PayoutProvider {
  /**
   * Checks the details a distributor gives when they choose this provider; returns what to store.
   * Throws a `MedusaError` (INVALID_DATA) with a message the distributor can act on.
   */
  validateDetails(details: Record<string, unknown>): Record<string, unknown>
  /** Null when a distributor with these stored details can be paid, else the reason in words. */
  cannotPay(details: Record<string, unknown>): string | null
  send(payout: PayoutRequest, context: PayoutProviderContext): Promise<PayoutProviderResult>
  getStatus(payout: PayoutRequest & { reference: string | null }, context: PayoutProviderContext): Promise<PayoutProviderResult>
  /** Optional: turns a provider's webhook into a status change (null: not about a payout). */
  handleWebhook?(payload: { raw_body: Buffer | string; headers: Record<string, unknown> }): Promise<PayoutWebhookResult | null>
  /** Optional: a start-up check against the app (e.g. the Store Credit module is installed). */
  checkSetup?(context: { isModuleInstalled(key: string): boolean }): string | null
}

/** A distributor's choice of payout method, as the store and the admin see it. */
export type PayoutMethodView = {
  provider: string
  details: Record<string, unknown>
  /** false: this distributor's payouts are held until they fix it; `reason` says why */
  usable: boolean
  reason: string | null
  /** true when the distributor never chose and the shop's default applies */
  is_default: boolean
  providers: string[]
}

/** Why a balance was not paid in a run. */
export type PayoutSkipReason = "not_positive" | "below_minimum" | "terminated" | "method_unusable" | "not_found"

export type StatementTotals = { opening: number; earned: number; clawed_back: number; paid: number; closing: number }

/** One entry of a statement: a line earned or taken back, a payout or a payout's failure. */
export type StatementEntry = {
  at: string
  type: "earned" | "clawed_back" | "reversed" | "paid" | "payout_failed"
  /** the signed effect on the balance */
  amount: number
  currency_code: string
  line_id: string | null
  payout_id: string | null
  kind: string | null
  level: number | null
  order_display_id: number | null
  explanation: Record<string, unknown>
}

export type Statement = {
  month: string
  currencies: Record<string, StatementTotals>
  lines: StatementEntry[]
}
