import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { recordPayoutStatusStep, RecordPayoutStatusInput } from "../steps/record-payout-status"
import { emitPayoutEvents } from "../events"

export const recordPayoutStatusWorkflowId = "mlm-record-payout-status"

/** A payout marked paid or failed by the admin (manual provider) or by a provider's webhook. */
export const recordPayoutStatusWorkflow = createWorkflow(recordPayoutStatusWorkflowId, (input: RecordPayoutStatusInput) => {
  const changes = recordPayoutStatusStep(input)
  emitPayoutEvents(changes, "status")
  return new WorkflowResponse(transform({ changes }, ({ changes }) => changes[0].payout))
})
