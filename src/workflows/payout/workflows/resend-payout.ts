import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { loadPendingPayoutStep } from "../steps/load-pending-payout"
import { sendPayoutsStep } from "../steps/send-payouts"
import { emitPayoutEvents } from "../events"

export const resendPayoutWorkflowId = "mlm-resend-payout"

/**
 * A pending payout whose outcome is unknown (the provider could not be reached) asked again, with
 * the same idempotency key: a provider that already paid it answers with that payment, not a second.
 */
export const resendPayoutWorkflow = createWorkflow(resendPayoutWorkflowId, (input: { payout_id: string }) => {
  const payout = loadPendingPayoutStep(input)
  const changes = sendPayoutsStep(transform({ payout }, ({ payout }) => ({ payouts: [payout] })))
  emitPayoutEvents(changes, "resend")
  return new WorkflowResponse(transform({ changes, payout }, ({ changes, payout }) => changes[0]?.payout ?? payout))
})
