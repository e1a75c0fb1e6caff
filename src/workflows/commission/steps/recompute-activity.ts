import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { NETWORK_MODULE } from "../../../modules/network"
import type NetworkModuleService from "../../../modules/network/service"
import type { PlanActivity } from "../../../types/plan"
import { dayNumber } from "../../../modules/commission/utils/qualification"

export const recomputeActivityStepId = "recompute-activity"

const same = (a: PlanActivity, b: PlanActivity) => a.min_pv === b.min_pv && a.window_days === b.window_days

/**
 * A plan version with another activity rule (min_pv, window): everyone's activity is recomputed
 * from the daily volumes under the new rule (one pass over those with PV in the window, then their
 * ancestries). Compensation recomputes it under the rule put back.
 */
export const recomputeActivityStep = createStep(
  recomputeActivityStepId,
  async (input: { before: PlanActivity; after: PlanActivity }, { container }) => {
    if (same(input.before, input.after)) return new StepResponse(false, null)
    const network = container.resolve<NetworkModuleService>(NETWORK_MODULE)
    await network.recomputeActivity(input.after, dayNumber(new Date()))
    return new StepResponse(true, input.before)
  },
  async (before, { container }) => {
    if (!before) return
    await container.resolve<NetworkModuleService>(NETWORK_MODULE).recomputeActivity(before, dayNumber(new Date()))
  }
)
