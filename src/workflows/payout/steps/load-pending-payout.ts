import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MedusaError } from "@medusajs/framework/utils"
import { COMMISSION_MODULE } from "../../../modules/commission"
import type CommissionModuleService from "../../../modules/commission/service"

export const loadPendingPayoutStepId = "load-pending-payout"

/** The payout to ask its provider about again: 404 unknown, 409 unless it is pending. Reads only. */
export const loadPendingPayoutStep = createStep(loadPendingPayoutStepId, async (input: { payout_id: string }, { container }) => {
  const commission = container.resolve<CommissionModuleService>(COMMISSION_MODULE)
  const { payouts } = await commission.listPayoutRows({ ids: [input.payout_id] }, { limit: 1, offset: 0 })
  const payout = payouts[0]
  if (!payout) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Payout ${input.payout_id} was not found`)
  if (payout.status !== "pending") {
    throw new MedusaError(
      MedusaError.Types.CONFLICT,
      payout.status === "failed"
        ? `Payout ${payout.id} failed; retrying it makes a new attempt (POST /admin/mlm/payouts/${payout.id}/retry)`
        : `Payout ${payout.id} is ${payout.status}; only a pending payout is sent again`
    )
  }
  return new StepResponse(payout)
})
