import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COMMISSION_MODULE } from "../../../modules/commission"
import type CommissionModuleService from "../../../modules/commission/service"

export const approveCommissionsStepId = "approve-commissions"

/** pending -> approved for matured lines; compensation puts them back to pending. */
export const approveCommissionsStep = createStep(
  approveCommissionsStepId,
  async (input: { before: string; ids?: string[] }, { container }) => {
    const commission = container.resolve<CommissionModuleService>(COMMISSION_MODULE)
    const ids = await commission.approveMaturedLines({ before: new Date(input.before), ids: input.ids })
    return new StepResponse(ids, ids)
  },
  async (ids, { container }) => {
    if (!ids?.length) return
    const commission = container.resolve<CommissionModuleService>(COMMISSION_MODULE)
    await commission.updateCommissionLines(ids.map((id) => ({ id, status: "pending" as const, approved_at: null })))
  }
)
