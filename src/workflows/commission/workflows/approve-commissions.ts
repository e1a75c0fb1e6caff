import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { approveCommissionsStep } from "../steps/approve-commissions"

export const approveCommissionsWorkflowId = "mlm-approve-commissions"

/** Approves pending lines whose hold period ended before `before` (ISO date), optionally only `ids`. */
export const approveCommissionsWorkflow = createWorkflow(
  approveCommissionsWorkflowId,
  (input: { before: string; ids?: string[] }) => new WorkflowResponse(approveCommissionsStep(input))
)
