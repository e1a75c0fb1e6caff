import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { generateEntityId } from "@medusajs/framework/utils"
import { COMMISSION_MODULE } from "../../../modules/commission"
import type CommissionModuleService from "../../../modules/commission/service"
import type { PayoutRoute } from "./route-payouts"

export type ReservePayoutsInput = {
  currency_code: string
  distributor_ids?: string[]
  created_by?: string | null
  routes: Record<string, PayoutRoute>
  min_payout: string | null
}

export const reservePayoutsStepId = "reserve-payouts"

/**
 * One pending payout per distributor the rules pay, its lines marked paid, in one transaction under
 * the currency's payout lock. Compensation removes the payouts nothing was sent for and returns
 * their lines to approved.
 */
export const reservePayoutsStep = createStep(
  reservePayoutsStepId,
  async (input: ReservePayoutsInput, { container }) => {
    const commission = container.resolve<CommissionModuleService>(COMMISSION_MODULE)
    const run_id = generateEntityId(undefined, "mlmrun")
    const result = await commission.reservePayouts({ ...input, run_id })
    return new StepResponse({ ...result, run_id }, result.payouts.map((p) => p.id))
  },
  async (payoutIds, { container }) => {
    if (!payoutIds?.length) return
    await container.resolve<CommissionModuleService>(COMMISSION_MODULE).cancelUnsentPayouts(payoutIds)
  }
)
