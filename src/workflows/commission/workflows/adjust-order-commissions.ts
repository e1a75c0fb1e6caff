import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { loadOrderRemainingShareStep } from "../steps/load-order-remaining-share"
import { adjustOrderCommissionsStep } from "../steps/adjust-order-commissions"

export const COMMISSION_REVERSED_EVENT = "mlm.commission.reversed"

export const adjustOrderCommissionsWorkflowId = "mlm-adjust-order-commissions"

/**
 * After a cancel, a received return or a refund: reverses pending lines (cancel) or appends
 * clawback lines so the order keeps only the share of commission the buyer kept paying for.
 * `key` names the event (cancel, return:<id>, refund:<payment>:<n>).
 */
export const adjustOrderCommissionsWorkflow = createWorkflow(
  adjustOrderCommissionsWorkflowId,
  (input: { order_id: string; key: string; cancel: boolean }) => {
    const remaining = loadOrderRemainingShareStep(input)
    const result = adjustOrderCommissionsStep(
      transform({ input, remaining }, ({ input, remaining }) => ({ ...input, remaining }))
    )
    when({ result }, ({ result }) => result.reversed.length + result.clawbacks.length > 0).then(() => {
      emitEventStep({
        eventName: COMMISSION_REVERSED_EVENT,
        data: transform({ result, input }, ({ result, input }) => ({
          order_id: input.order_id,
          reversed_ids: result.reversed,
          clawback_ids: result.clawbacks.map((c) => c.id),
        })),
      })
    })
    return new WorkflowResponse(result)
  }
)
