import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COMMISSION_MODULE } from "../../../modules/commission"
import type CommissionModuleService from "../../../modules/commission/service"
import { PlanInput, planSettings, validatePlan } from "../../../modules/commission/utils/plan"
import { DEFAULT_ACTIVITY } from "../../../modules/commission/utils/qualification"

export const validatePlanStepId = "validate-plan"

/** The plan rules (levels without gaps, percents, cap, hold days) before anything is written. */
export const validatePlanStep = createStep(validatePlanStepId, async (input: PlanInput) => {
  const problems = validatePlan(input)
  if (problems.length) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `Invalid plan: ${problems.join("; ")}`)
  }
  return new StepResponse(planSettings(input))
})

export const createPlanVersionStepId = "create-plan-version"

/** Inserts the new active version; compensation deletes it, so the previous version is active again. */
export const createPlanVersionStep = createStep(
  createPlanVersionStepId,
  async (input: { settings: ReturnType<typeof planSettings>; created_by: string | null }, { container }) => {
    const commission = container.resolve<CommissionModuleService>(COMMISSION_MODULE)
    const previous = await commission.retrieveActivePlan()
    const plan = await commission.createPlanVersion(input.settings, input.created_by)
    return new StepResponse({ plan, previous_activity: previous?.activity ?? { ...DEFAULT_ACTIVITY } }, plan.id)
  },
  async (planId, { container }) => {
    if (!planId) return
    const commission = container.resolve<CommissionModuleService>(COMMISSION_MODULE)
    await commission.deleteCommissionPlans(planId)
  }
)
