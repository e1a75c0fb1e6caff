import { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { attributeOrderWorkflow } from "../workflows/attribution/workflows/attribute-order"
import { settleOrderCommissionsWorkflow } from "../workflows/commission/workflows/settle-order-commissions"

/**
 * Credits every placed order to a distributor (or nobody), then settles its commissions. Both are
 * safe to run again: a redelivered event finds the attribution and a settled ledger, and writes
 * only what a crash may have left undone.
 */
export default async function orderPlacedHandler({ event, container }: SubscriberArgs<{ id: string }>) {
  await attributeOrderWorkflow(container).run({ input: { order_id: event.data.id } })
  await settleOrderCommissionsWorkflow(container).run({ input: { order_id: event.data.id, trigger: "order.placed" } })
}

export const config: SubscriberConfig = {
  event: "order.placed",
  context: { subscriberId: "mlm-attribute-order" },
}
