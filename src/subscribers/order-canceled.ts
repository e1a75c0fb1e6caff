import { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { adjustOrderCommissionsWorkflow } from "../workflows/commission/workflows/adjust-order-commissions"

/** A cancelled order earns nothing: pending lines are reversed, approved or paid ones clawed back. */
export default async function orderCanceledHandler({ event, container }: SubscriberArgs<{ id: string }>) {
  await adjustOrderCommissionsWorkflow(container).run({ input: { order_id: event.data.id, key: "cancel", cancel: true } })
}

export const config: SubscriberConfig = {
  event: "order.canceled",
  context: { subscriberId: "mlm-order-canceled" },
}
