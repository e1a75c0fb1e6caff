import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MedusaError } from "@medusajs/framework/utils"
import { COMMISSION_MODULE } from "../../../modules/commission"
import type CommissionModuleService from "../../../modules/commission/service"
import type { PayoutStatus } from "../../../types/payout"
import type { PayoutChange } from "./send-payouts"

export type RecordPayoutStatusInput = {
  payout_id: string
  status: PayoutStatus
  reference?: string | null
  message?: string | null
  /** only payouts of this provider may be changed this way (the admin's route: manual) */
  provider_id?: string
}

export const recordPayoutStatusStepId = "record-payout-status"

/**
 * A payout's new status from the admin (manual payouts) or a provider's webhook; a failure returns
 * its lines to approved. The workflow's only write: it commits or throws, so it has nothing to undo.
 */
export const recordPayoutStatusStep = createStep(recordPayoutStatusStepId, async (input: RecordPayoutStatusInput, { container }) => {
  const commission = container.resolve<CommissionModuleService>(COMMISSION_MODULE)
  if (input.provider_id) {
    const { payouts } = await commission.listPayoutRows({ ids: [input.payout_id] }, { limit: 1, offset: 0 })
    if (!payouts.length) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Payout ${input.payout_id} was not found`)
    if (payouts[0].provider_id !== input.provider_id) {
      throw new MedusaError(
        MedusaError.Types.CONFLICT,
        `Payout ${input.payout_id} goes through ${payouts[0].provider_id}; its status comes from that provider, not from the admin`
      )
    }
  }
  const { payout, passed } = await commission.recordPayoutResult(input)
  return new StepResponse<PayoutChange[]>([{ payout, passed }])
})
