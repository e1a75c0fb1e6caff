import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COMMISSION_MODULE } from "../../../modules/commission"
import type CommissionModuleService from "../../../modules/commission/service"
import type { PayoutStatus } from "../../../types/payout"
import type { PayoutChange } from "./send-payouts"

export type RecordPayoutStatusInput = {
  payout_id: string
  status: PayoutStatus
  reference?: string | null
  message?: string | null
  /** only payouts of this provider may be changed this way (the admin's route: manual); checked under the payout's lock */
  provider_id?: string
}

export const recordPayoutStatusStepId = "record-payout-status"

/**
 * A payout's new status from the admin (manual payouts) or a provider's webhook; a failure returns
 * its lines to approved. The workflow's only write: it commits or throws, so it has nothing to undo.
 */
export const recordPayoutStatusStep = createStep(recordPayoutStatusStepId, async (input: RecordPayoutStatusInput, { container }) => {
  const { payout, passed } = await container.resolve<CommissionModuleService>(COMMISSION_MODULE).recordPayoutResult(input)
  return new StepResponse<PayoutChange[]>([{ payout, passed }])
})
