import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { attributePlacedOrdersStep } from "../../attribution/steps/attribute-placed-orders"
import { ORDER_ATTRIBUTED_EVENT } from "../../attribution/workflows/attribute-order"
import { settlePlacedOrdersLedgerStep } from "../steps/settle-placed-orders-ledger"
import { COMMISSION_CREATED_EVENT, COMMISSION_REVERSED_EVENT, RANK_ACHIEVED_EVENT, settlementEvents } from "./settle-order-commissions"

export const settlePlacedOrdersWorkflowId = "mlm-settle-placed-orders"

/**
 * order.placed for one or several orders in one workflow run: what attributeOrderWorkflow and then
 * settleOrderCommissionsWorkflow do for each (the same rules, writes, lines and events), with the
 * reads and the run shared. The order.placed subscriber settles every placed order through it, the
 * orders that arrive while earlier ones settle together (see src/lib/group-commit.ts), unless a host
 * app handles the settlement's hooks, which are per order. If it fails, it leaves nothing and each
 * order settles on its own through the two workflows.
 */
export const settlePlacedOrdersWorkflow = createWorkflow(settlePlacedOrdersWorkflowId, (input: { order_ids: string[] }) => {
  const attributions = attributePlacedOrdersStep(input)
  emitEventStep({
    eventName: ORDER_ATTRIBUTED_EVENT,
    data: transform({ attributions }, ({ attributions }) =>
      attributions.map((a) => ({ order_id: a.order_id, distributor_id: a.distributor_id, source: a.source }))
    ),
  }).config({ name: "emit-orders-attributed" })

  const results = settlePlacedOrdersLedgerStep(
    transform({ input, attributions }, ({ input, attributions }) => ({
      order_ids: input.order_ids,
      credited_ids: attributions.map((a) => a.order_id),
    }))
  )
  const events = transform({ results }, ({ results }) => settlementEvents(results))
  // An empty list emits nothing (emitEventStep sends one event per element).
  emitEventStep({ eventName: COMMISSION_CREATED_EVENT, data: events.created }).config({ name: "emit-commission-created" })
  emitEventStep({ eventName: COMMISSION_REVERSED_EVENT, data: events.reversed }).config({ name: "emit-commission-reversed" })
  emitEventStep({ eventName: RANK_ACHIEVED_EVENT, data: events.ranks }).config({ name: "emit-rank-achieved" })
  return new WorkflowResponse(results)
})
