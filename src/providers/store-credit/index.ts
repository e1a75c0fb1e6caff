import { MathBN, ModuleProvider } from "@medusajs/framework/utils"
import type { PayoutProvider, PayoutProviderContext, PayoutProviderResult, PayoutRequest } from "../../types/payout"

/** The Store Credit module's key in the container (`@medusajs/loyalty-plugin`). */
export const STORE_CREDIT_MODULE = "store_credit"
const REFERENCE = "mlm_payout"

/**
 * Pays a distributor in store credit on their own customer account, through Medusa's official Store
 * Credit module (`@medusajs/loyalty-plugin`). The host app must install that plugin; without it the
 * provider says so at start-up and refuses every payout (the lines return to approved).
 * Idempotent: a credit already written for the payout's idempotency key is returned, not repeated.
 */
export class StoreCreditPayoutProvider implements PayoutProvider {
  static identifier = "store-credit"

  validateDetails(): Record<string, unknown> {
    return {}
  }

  cannotPay(): string | null {
    return null
  }

  checkSetup(context: { isModuleInstalled(key: string): boolean }): string | null {
    return context.isModuleInstalled(STORE_CREDIT_MODULE)
      ? null
      : "configured, but the Store Credit module is not installed: add @medusajs/loyalty-plugin to the app's plugins, or every store-credit payout fails"
  }

  async send(payout: PayoutRequest, { container }: PayoutProviderContext): Promise<PayoutProviderResult> {
    if (!payout.distributor.customer_id) {
      return { status: "failed", message: "the distributor has no customer account to credit" }
    }
    const storeCredit = this.storeCredit(container)
    if (!storeCredit) return { status: "failed", message: "the Store Credit module (@medusajs/loyalty-plugin) is not installed" }
    const currency = payout.currency_code.toLowerCase()
    let [account] = await storeCredit.listStoreCreditAccounts({ customer_id: payout.distributor.customer_id, currency_code: currency })
    if (!account) {
      ;[account] = await storeCredit.createStoreCreditAccounts([{ customer_id: payout.distributor.customer_id, currency_code: currency }])
    }
    const [done] = await storeCredit.listAccountTransactions({ account_id: account.id, reference: REFERENCE, reference_id: payout.idempotency_key })
    if (done) return { status: "paid", reference: done.id }
    const [credit] = await storeCredit.creditAccounts([
      {
        account_id: account.id,
        amount: MathBN.convert(payout.amount),
        reference: REFERENCE,
        reference_id: payout.idempotency_key,
        note: `Commission payout ${payout.id}`,
      },
    ])
    return { status: "paid", reference: credit.id }
  }

  async getStatus(payout: PayoutRequest & { reference: string | null }, { container }: PayoutProviderContext): Promise<PayoutProviderResult> {
    const storeCredit = this.storeCredit(container)
    if (!storeCredit) return { status: "failed", message: "the Store Credit module is not installed" }
    const [done] = await storeCredit.listAccountTransactions({ reference: REFERENCE, reference_id: payout.idempotency_key })
    return done ? { status: "paid", reference: done.id } : { status: "pending", reference: payout.reference }
  }

  private storeCredit(container: PayoutProviderContext["container"]): any | null {
    try {
      return container.resolve(STORE_CREDIT_MODULE)
    } catch {
      return null
    }
  }
}

export default ModuleProvider("mlmPayout", { services: [StoreCreditPayoutProvider] })
