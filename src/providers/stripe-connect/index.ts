import Stripe from "stripe"
import { MedusaError, ModuleProvider } from "@medusajs/framework/utils"
import type { PayoutProvider, PayoutProviderResult, PayoutRequest, PayoutWebhookResult } from "../../types/payout"
import { toMinorUnits } from "../../modules/commission/utils/payout"

export type StripeConnectOptions = {
  /** the platform's secret key */
  api_key: string
  /** to verify `POST /hooks/mlm/payouts/stripe-connect` (transfer.reversed fails a paid payout) */
  webhook_secret?: string
  /** another Stripe API endpoint (a local test server, stripe-mock): host, port, protocol */
  host?: string
  port?: number
  protocol?: "http" | "https"
}

const ACCOUNT_ID = /^acct_[A-Za-z0-9]+$/

/**
 * Transfers a payout to the distributor's Stripe connected account. The idempotency key is the
 * payout's first attempt id (a retry repeats it, so Stripe never transfers twice) and the
 * `transfer_group` is the payout run. A refusal by Stripe (4xx) fails the payout; a network error or
 * a 5xx leaves the outcome unknown: the payout stays pending and a retry asks again with the same key.
 */
export class StripeConnectPayoutProvider implements PayoutProvider {
  static identifier = "stripe-connect"
  protected readonly stripe_: Stripe
  protected readonly options_: StripeConnectOptions

  static validateOptions(options: Record<string, unknown>) {
    if (typeof options?.api_key !== "string" || !options.api_key) {
      throw new Error("medusa-plugin-mlm: the stripe-connect payout provider needs options.api_key (the platform's secret key)")
    }
  }

  constructor(_cradle: unknown, options: StripeConnectOptions) {
    this.options_ = options
    this.stripe_ = new Stripe(options.api_key, {
      maxNetworkRetries: 2,
      ...(options.host ? { host: options.host } : {}),
      ...(options.port ? { port: options.port } : {}),
      ...(options.protocol ? { protocol: options.protocol } : {}),
    })
  }

  validateDetails(details: Record<string, unknown>): Record<string, unknown> {
    const account = details.account_id
    if (account === undefined || account === null || account === "") return {}
    if (typeof account !== "string" || !ACCOUNT_ID.test(account)) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "details.account_id must be a Stripe connected account id (acct_...)")
    }
    return { account_id: account }
  }

  cannotPay(details: Record<string, unknown>): string | null {
    return typeof details.account_id === "string" && ACCOUNT_ID.test(details.account_id)
      ? null
      : "Stripe Connect is chosen but no connected account id (acct_...) is given"
  }

  async send(payout: PayoutRequest): Promise<PayoutProviderResult> {
    const amount = toMinorUnits(payout.amount, payout.currency_code)
    if (amount === null) {
      return { status: "failed", message: `${payout.amount} ${payout.currency_code} has more decimals than the currency allows` }
    }
    try {
      const transfer = await this.stripe_.transfers.create(
        {
          amount,
          currency: payout.currency_code.toLowerCase(),
          destination: String(payout.details.account_id),
          transfer_group: payout.run_id,
          description: `Commission payout ${payout.id}`,
          metadata: { payout_id: payout.id, distributor_id: payout.distributor.id },
        },
        { idempotencyKey: payout.idempotency_key }
      )
      return { status: transfer.reversed ? "failed" : "paid", reference: transfer.id }
    } catch (error) {
      if (isRefusal(error)) return { status: "failed", message: (error as Error).message }
      throw error
    }
  }

  async getStatus(payout: PayoutRequest & { reference: string | null }): Promise<PayoutProviderResult> {
    if (!payout.reference) return { status: "pending", reference: null }
    const transfer = await this.stripe_.transfers.retrieve(payout.reference)
    return { status: transfer.reversed ? "failed" : "paid", reference: transfer.id }
  }

  async handleWebhook(payload: { raw_body: Buffer | string; headers: Record<string, unknown> }): Promise<PayoutWebhookResult | null> {
    if (!this.options_.webhook_secret) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "stripe-connect has no webhook_secret configured")
    }
    const event = this.stripe_.webhooks.constructEvent(
      payload.raw_body,
      String(payload.headers["stripe-signature"] ?? ""),
      this.options_.webhook_secret
    )
    if (event.type !== "transfer.reversed") return null
    const transfer = event.data.object as Stripe.Transfer
    return { reference: transfer.id, status: "failed", message: "Stripe reversed the transfer" }
  }
}

/** A definite refusal: Stripe answered 4xx (not 409 idempotency conflicts or 429 rate limits). */
function isRefusal(error: unknown): boolean {
  const status = (error as { statusCode?: number })?.statusCode
  return typeof status === "number" && status >= 400 && status < 500 && status !== 409 && status !== 429
}

export default ModuleProvider("mlmPayout", { services: [StripeConnectPayoutProvider] })
