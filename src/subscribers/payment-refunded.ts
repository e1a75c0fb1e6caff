import { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { settleOrderCommissionsWorkflow } from "../workflows/commission/workflows/settle-order-commissions"

/** A refund changes what the buyer kept paying for: the payment's order is settled again. */
export default async function paymentRefundedHandler({ event, container }: SubscriberArgs<{ id: string }>) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: payments } = await query.graph({
    entity: "payment",
    fields: ["id", "payment_collection.order.id"],
    filters: { id: event.data.id },
  })
  const orderId = (payments[0] as any)?.payment_collection?.order?.id
  if (!orderId) return
  await settleOrderCommissionsWorkflow(container).run({ input: { order_id: orderId, trigger: "payment.refunded" } })
}

export const config: SubscriberConfig = {
  event: "payment.refunded",
  context: { subscriberId: "mlm-payment-refunded" },
}
