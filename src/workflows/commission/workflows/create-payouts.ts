import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { payOutCommissionsStep, PayOutCommissionsInput } from "../steps/pay-out-commissions"

export const PAYOUT_CREATED_EVENT = "mlm.payout.created"

export const createPayoutsWorkflowId = "mlm-create-payouts"

/** Pays every approved line of a currency, one payout per distributor; negative balances are carried. */
export const createPayoutsWorkflow = createWorkflow(createPayoutsWorkflowId, (input: PayOutCommissionsInput) => {
  const result = payOutCommissionsStep(input)
  when({ result }, ({ result }) => result.payouts.length > 0).then(() => {
    emitEventStep({
      eventName: PAYOUT_CREATED_EVENT,
      data: transform({ result }, ({ result }) =>
        result.payouts.map((p) => ({ id: p.id, distributor_id: p.distributor_id, currency_code: p.currency_code }))
      ),
    })
  })
  return new WorkflowResponse(result)
})
