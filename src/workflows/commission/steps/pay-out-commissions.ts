import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COMMISSION_MODULE } from "../../../modules/commission"
import type CommissionModuleService from "../../../modules/commission/service"

export type PayOutCommissionsInput = { currency_code: string; distributor_ids?: string[]; created_by?: string | null }

export const payOutCommissionsStepId = "pay-out-commissions"

/** One payout per distributor; compensation deletes the payouts and returns their lines to approved. */
export const payOutCommissionsStep = createStep(
  payOutCommissionsStepId,
  async (input: PayOutCommissionsInput, { container }) => {
    const commission = container.resolve<CommissionModuleService>(COMMISSION_MODULE)
    const result = await commission.payOutApprovedLines(input)
    return new StepResponse(result, result.payouts.map((p) => p.id))
  },
  async (payoutIds, { container }) => {
    if (!payoutIds?.length) return
    const commission = container.resolve<CommissionModuleService>(COMMISSION_MODULE)
    const lines = await commission.listCommissionLines({ payout_id: payoutIds }, { take: null })
    if (lines.length) {
      await commission.updateCommissionLines(
        lines.map((l) => ({ id: l.id, status: "approved" as const, paid_at: null, payout_id: null }))
      )
    }
    await commission.deletePayouts(payoutIds)
  }
)
