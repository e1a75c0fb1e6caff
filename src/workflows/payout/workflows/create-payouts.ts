import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { routePayoutsStep } from "../steps/route-payouts"
import { reservePayoutsStep } from "../steps/reserve-payouts"
import { sendPayoutsStep } from "../steps/send-payouts"
import { emitPayoutEvents, PAYOUT_CREATED_EVENT } from "../events"

export type CreatePayoutsInput = { currency_code: string; distributor_ids?: string[]; created_by?: string | null }

export const createPayoutsWorkflowId = "mlm-create-payouts"

/**
 * A payout run in one currency (DESIGN.md "Payouts"): route each approved balance (method, holds,
 * minimum), reserve one payout per distributor paid (lines marked paid, one transaction, never twice),
 * then send each through its provider and record the answer. Emits `mlm.payout.created` per payout
 * and `mlm.payout.sent` / `.paid` / `.failed` as they happen.
 */
export const createPayoutsWorkflow = createWorkflow(createPayoutsWorkflowId, (input: CreatePayoutsInput) => {
  const routing = routePayoutsStep(input)
  const reserved = reservePayoutsStep(
    transform({ input, routing }, ({ input, routing }) => ({ ...input, routes: routing.routes, min_payout: routing.min_payout }))
  )
  emitEventStep({
    eventName: PAYOUT_CREATED_EVENT,
    data: transform({ reserved }, ({ reserved }) =>
      reserved.payouts.map((p) => ({ id: p.id, distributor_id: p.distributor_id, currency_code: p.currency_code, provider_id: p.provider_id }))
    ),
  }).config({ name: "emit-payout-created" })
  const changes = sendPayoutsStep(transform({ reserved }, ({ reserved }) => ({ payouts: reserved.payouts })))
  emitPayoutEvents(changes, "run")
  return new WorkflowResponse(
    transform({ reserved, changes }, ({ reserved, changes }) => {
      const latest = new Map(changes.map((c) => [c.payout.id, c.payout]))
      return {
        run_id: reserved.run_id,
        payouts: reserved.payouts.map((p) => latest.get(p.id) ?? p),
        carried: reserved.carried,
      }
    })
  )
})
