import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { savePayoutMethodStep, SavePayoutMethodInput } from "../steps/save-payout-method"

export const savePayoutMethodWorkflowId = "mlm-save-payout-method"

/** A distributor chooses how they are paid. */
export const savePayoutMethodWorkflow = createWorkflow(savePayoutMethodWorkflowId, (input: SavePayoutMethodInput) => {
  savePayoutMethodStep(input)
  return new WorkflowResponse(input)
})
