import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { settleOrderLedgerStep, SettleOrderLedgerInput } from "../steps/settle-order-ledger"

export const COMMISSION_CREATED_EVENT = "mlm.commission.created"
export const COMMISSION_REVERSED_EVENT = "mlm.commission.reversed"

export const settleOrderCommissionsWorkflowId = "mlm-settle-order-commissions"

/**
 * settleOrderCommissions(order_id): the one operation every trigger runs (attribution, cancel,
 * return, refund, order edit, exchange, claim, admin correction, reconciliation). The ledger ends
 * equal to the target for the order as it is now; running it again writes nothing. Announces new
 * earnings (`mlm.commission.created`) and what was taken back (`mlm.commission.reversed`).
 */
export const settleOrderCommissionsWorkflow = createWorkflow(
  settleOrderCommissionsWorkflowId,
  (input: SettleOrderLedgerInput) => {
    const result = settleOrderLedgerStep(input)
    const created = transform({ result }, ({ result }) => result.inserted.filter((l) => Number(l.amount) > 0).map((l) => l.id))
    const taken = transform({ result }, ({ result }) => ({
      reversed: result.reversed,
      clawbacks: result.inserted.filter((l) => Number(l.amount) < 0).map((l) => l.id),
    }))
    when({ created }, ({ created }) => created.length > 0).then(() => {
      emitEventStep({
        eventName: COMMISSION_CREATED_EVENT,
        data: transform({ result, created }, ({ result, created }) => ({ order_id: result.order_id, ids: created })),
      }).config({ name: "emit-commission-created" })
    })
    when({ taken }, ({ taken }) => taken.reversed.length + taken.clawbacks.length > 0).then(() => {
      emitEventStep({
        eventName: COMMISSION_REVERSED_EVENT,
        data: transform({ result, taken }, ({ result, taken }) => ({
          order_id: result.order_id,
          reversed_ids: taken.reversed,
          clawback_ids: taken.clawbacks,
        })),
      }).config({ name: "emit-commission-reversed" })
    })
    return new WorkflowResponse(result)
  }
)
