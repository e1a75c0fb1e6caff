import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { createPlanVersionStep, validatePlanStep } from "../steps/create-plan-version"
import { recomputeActivityStep } from "../steps/recompute-activity"
import type { PlanInput } from "../../../modules/commission/utils/plan"

export const createPlanVersionWorkflowId = "mlm-create-plan-version"

/**
 * Validates the plan and makes it the new active version; a rejected plan changes nothing. A new
 * activity rule recomputes who is active under it.
 */
export const createPlanVersionWorkflow = createWorkflow(
  createPlanVersionWorkflowId,
  (input: PlanInput & { created_by?: string | null }) => {
    const settings = validatePlanStep(input)
    const created = createPlanVersionStep(
      transform({ settings, input }, ({ settings, input }) => ({ settings, created_by: input.created_by ?? null }))
    )
    recomputeActivityStep(
      transform({ created }, ({ created }) => ({ before: created.previous_activity, after: created.plan.activity }))
    )
    const plan = transform({ created }, ({ created }) => created.plan)
    return new WorkflowResponse(plan)
  }
)
