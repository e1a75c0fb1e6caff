import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COMMISSION_MODULE } from "../../../modules/commission"
import type CommissionModuleService from "../../../modules/commission/service"

export type AdjustOrderCommissionsInput = { order_id: string; key: string; remaining: string; cancel: boolean }

export const adjustOrderCommissionsStepId = "adjust-order-commissions"

/** Reverses or claws back; compensation removes the clawbacks and puts reversed lines back to pending. */
export const adjustOrderCommissionsStep = createStep(
  adjustOrderCommissionsStepId,
  async (input: AdjustOrderCommissionsInput, { container }) => {
    const commission = container.resolve<CommissionModuleService>(COMMISSION_MODULE)
    const result = await commission.adjustOrderCommissions(input)
    return new StepResponse(result, { reversed: result.reversed, clawbacks: result.clawbacks.map((c) => c.id) })
  },
  async (undo, { container }) => {
    if (!undo) return
    const commission = container.resolve<CommissionModuleService>(COMMISSION_MODULE)
    if (undo.clawbacks.length) await commission.deleteCommissionLines(undo.clawbacks)
    if (undo.reversed.length) {
      await commission.updateCommissionLines(undo.reversed.map((id) => ({ id, status: "pending" as const, reversed_at: null })))
    }
  }
)
