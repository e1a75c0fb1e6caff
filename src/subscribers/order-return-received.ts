import { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { adjustOrderCommissionsWorkflow } from "../workflows/commission/workflows/adjust-order-commissions"

/** Returned items take their share of the commission back, level by level. */
export default async function orderReturnReceivedHandler({
  event,
  container,
}: SubscriberArgs<{ order_id: string; return_id: string }>) {
  await adjustOrderCommissionsWorkflow(container).run({
    input: { order_id: event.data.order_id, key: `return:${event.data.return_id}`, cancel: false },
  })
}

export const config: SubscriberConfig = {
  event: "order.return_received",
  context: { subscriberId: "mlm-order-return-received" },
}
