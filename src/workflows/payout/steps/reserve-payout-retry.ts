import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COMMISSION_MODULE } from "../../../modules/commission"
import type CommissionModuleService from "../../../modules/commission/service"

export const reservePayoutRetryStepId = "reserve-payout-retry"

/**
 * A failed payout's next attempt: a new pending payout with the same idempotency key, holding the
 * same lines (409 when they changed). Compensation removes it if nothing was sent.
 */
export const reservePayoutRetryStep = createStep(
  reservePayoutRetryStepId,
  async (input: { payout_id: string; created_by?: string | null }, { container }) => {
    const commission = container.resolve<CommissionModuleService>(COMMISSION_MODULE)
    const payout = await commission.reserveRetry(input)
    return new StepResponse(payout, [payout.id])
  },
  async (ids, { container }) => {
    if (!ids?.length) return
    await container.resolve<CommissionModuleService>(COMMISSION_MODULE).cancelUnsentPayouts(ids)
  }
)
