import { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { computeOrderCommissionsWorkflow } from "../workflows/commission/workflows/compute-order-commissions"

/** Once an order is credited to a distributor, its commissions are computed (exactly once per order). */
export default async function orderAttributedHandler({ event, container }: SubscriberArgs<{ order_id: string }>) {
  await computeOrderCommissionsWorkflow(container).run({ input: { order_id: event.data.order_id } })
}

export const config: SubscriberConfig = {
  event: "mlm.order.attributed",
  context: { subscriberId: "mlm-compute-order-commissions" },
}
