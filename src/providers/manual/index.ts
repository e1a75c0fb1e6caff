import { ModuleProvider } from "@medusajs/framework/utils"
import type { PayoutProvider, PayoutProviderResult, PayoutRequest } from "../../types/payout"

/**
 * Nothing is sent: the admin downloads the payouts as CSV for the bank
 * (`GET /admin/mlm/payouts/export`) and then marks each one paid or failed
 * (`POST /admin/mlm/payouts/:id/status`). Needs no details from the distributor.
 */
export class ManualPayoutProvider implements PayoutProvider {
  static identifier = "manual"

  validateDetails(): Record<string, unknown> {
    return {}
  }

  cannotPay(): string | null {
    return null
  }

  async send(_payout: PayoutRequest): Promise<PayoutProviderResult> {
    return { status: "pending", reference: null, message: null }
  }

  async getStatus(payout: PayoutRequest & { reference: string | null }): Promise<PayoutProviderResult> {
    return { status: "pending", reference: payout.reference }
  }
}

export default ModuleProvider("mlmPayout", { services: [ManualPayoutProvider] })
