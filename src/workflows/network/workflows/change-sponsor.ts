import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { changeSponsorStep, ChangeSponsorInput } from "../steps/change-sponsor"

export const changeSponsorWorkflowId = "mlm-change-sponsor"

/** Admin only: moves a distributor and their whole downline under another sponsor (or to the top). */
export const changeSponsorWorkflow = createWorkflow(changeSponsorWorkflowId, (input: ChangeSponsorInput) => {
  const result = changeSponsorStep(input)
  return new WorkflowResponse(result)
})
