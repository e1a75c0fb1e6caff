import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { PAYOUT_MODULE } from "../../../modules/payout"
import type PayoutModuleService from "../../../modules/payout/service"

export type SavePayoutMethodInput = { distributor_id: string; provider: string; details?: Record<string, unknown> }

export const savePayoutMethodStepId = "save-payout-method"

/**
 * A distributor's payout method: the provider must be enabled and accept the details (400 in its
 * words otherwise). Compensation restores the previous choice, or removes the new one.
 */
export const savePayoutMethodStep = createStep(
  savePayoutMethodStepId,
  async (input: SavePayoutMethodInput, { container }) => {
    const payout = container.resolve<PayoutModuleService>(PAYOUT_MODULE)
    const details = payout.provider(input.provider).validateDetails(input.details ?? {})
    type Undo = { previous: { id: string; provider_id: string; details: Record<string, unknown> } | null; created: string | null }
    const [previous] = await payout.listPayoutMethods({ distributor_id: input.distributor_id })
    if (previous) {
      await payout.updatePayoutMethods({ id: previous.id, provider_id: input.provider, details })
      return new StepResponse<null, Undo>(null, { previous: { id: previous.id, provider_id: previous.provider_id, details: previous.details }, created: null })
    }
    const created = await payout.createPayoutMethods({ distributor_id: input.distributor_id, provider_id: input.provider, details })
    return new StepResponse<null, Undo>(null, { previous: null, created: created.id })
  },
  async (undo, { container }) => {
    if (!undo) return
    const payout = container.resolve<PayoutModuleService>(PAYOUT_MODULE)
    if (undo.previous) await payout.updatePayoutMethods(undo.previous)
    if (undo.created) await payout.deletePayoutMethods([undo.created])
  }
)
