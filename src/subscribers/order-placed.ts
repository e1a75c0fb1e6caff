import { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { attributeOrderWorkflow } from "../workflows/attribution/workflows/attribute-order"

/** Credits every placed order to a distributor (or nobody). Safe to run twice for one order. */
export default async function orderPlacedHandler({ event, container }: SubscriberArgs<{ id: string }>) {
  await attributeOrderWorkflow(container).run({ input: { order_id: event.data.id } })
}

export const config: SubscriberConfig = {
  event: "order.placed",
  context: { subscriberId: "mlm-attribute-order" },
}
