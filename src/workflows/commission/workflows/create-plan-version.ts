import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { createPlanVersionStep, validatePlanStep } from "../steps/create-plan-version"
import type { PlanInput } from "../../../modules/commission/utils/plan"

export const createPlanVersionWorkflowId = "mlm-create-plan-version"

/** Validates the plan and makes it the new active version; a rejected plan changes nothing. */
export const createPlanVersionWorkflow = createWorkflow(
  createPlanVersionWorkflowId,
  (input: PlanInput & { created_by?: string | null }) => {
    const settings = validatePlanStep(input)
    const plan = createPlanVersionStep(
      transform({ settings, input }, ({ settings, input }) => ({ settings, created_by: input.created_by ?? null }))
    )
    return new WorkflowResponse(plan)
  }
)
