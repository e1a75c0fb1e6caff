import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { loadAttributionFactsStep } from "../steps/load-attribution-facts"
import { createOrderAttributionStep } from "../steps/create-order-attribution"
import { bindCustomerStep } from "../steps/bind-customer"
import { bindingOf, decideAttribution } from "../../../modules/network/utils/attribution"

export const ORDER_ATTRIBUTED_EVENT = "mlm.order.attributed"

export const attributeOrderWorkflowId = "mlm-attribute-order"

/**
 * Runs on order.placed: credits the order to a distributor (or nobody) by the rules in
 * utils/attribution.ts, once per order however often it runs, and binds the customer for life.
 */
export const attributeOrderWorkflow = createWorkflow(attributeOrderWorkflowId, (input: { order_id: string }) => {
  const context = loadAttributionFactsStep(input)
  const decision = transform({ context }, ({ context }) => decideAttribution(context.facts))

  const result = when({ decision }, ({ decision }) => !!decision).then(() =>
    createOrderAttributionStep(
      transform({ context, decision }, ({ context, decision }) => ({
        order_id: context.order_id,
        cart_id: context.cart_id,
        customer_id: context.customer_id,
        distributor_id: decision!.distributor_id,
        source: decision!.source,
        referral_handle: decision!.referral_handle,
      }))
    )
  )

  // Every step after the attribution write also runs when the write is found already done: a worker
  // killed between the write and the end of this workflow leaves work that the redelivered
  // order.placed finishes. Binding is first-wins and safe to repeat; the announcement is therefore
  // at least once (a redelivery announces again), as Medusa's own events are.
  const binding = transform({ result, decision, context }, ({ result, decision, context }) =>
    bindingOf(decision, context, result?.attribution ?? null)
  )
  when({ binding }, ({ binding }) => !!binding).then(() => {
    bindCustomerStep(transform({ binding }, ({ binding }) => binding!))
  })
  when({ result }, ({ result }) => !!result).then(() => {
    emitEventStep({
      eventName: ORDER_ATTRIBUTED_EVENT,
      data: transform({ result }, ({ result }) => ({
        order_id: result!.attribution.order_id,
        distributor_id: result!.attribution.distributor_id,
        source: result!.attribution.source,
      })),
    }).config({ name: "emit-order-attributed" })
  })

  return new WorkflowResponse(transform({ result }, ({ result }) => result?.attribution ?? null))
})
