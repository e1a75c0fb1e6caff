import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COMMISSION_MODULE } from "../../../modules/commission"
import type CommissionModuleService from "../../../modules/commission/service"

export const supersedeCommissionsStepId = "supersede-commissions"

/**
 * After an attribution correction: the order's current lines are reversed (pending) or clawed back
 * (approved) and its run retired, so the new attribution can be computed. Compensation restores them.
 */
export const supersedeCommissionsStep = createStep(
  supersedeCommissionsStepId,
  async (input: { order_id: string }, { container }) => {
    const commission = container.resolve<CommissionModuleService>(COMMISSION_MODULE)
    const result = await commission.supersedeCurrentRun(input.order_id)
    return new StepResponse(
      result,
      result.run_id ? { run_id: result.run_id, reversed: result.reversed, clawbacks: result.clawbacks.map((c) => c.id) } : null
    )
  },
  async (undo, { container }) => {
    if (!undo) return
    const commission = container.resolve<CommissionModuleService>(COMMISSION_MODULE)
    await commission.restoreSupersededRun(undo)
  }
)
