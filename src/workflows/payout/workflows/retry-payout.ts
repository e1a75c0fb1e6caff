import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { reservePayoutRetryStep } from "../steps/reserve-payout-retry"
import { sendPayoutsStep } from "../steps/send-payouts"
import { emitPayoutEvents } from "../events"

export const retryPayoutWorkflowId = "mlm-retry-payout"

/**
 * A failed payout tried again: a new payout with the same idempotency key and the same lines, sent
 * through the same provider (409 when its lines changed since).
 */
export const retryPayoutWorkflow = createWorkflow(retryPayoutWorkflowId, (input: { payout_id: string; created_by?: string | null }) => {
  const payout = reservePayoutRetryStep(input)
  const changes = sendPayoutsStep(transform({ payout }, ({ payout }) => ({ payouts: [payout] })))
  emitPayoutEvents(changes, "retry")
  return new WorkflowResponse(transform({ changes, payout }, ({ changes, payout }) => changes[0]?.payout ?? payout))
})
