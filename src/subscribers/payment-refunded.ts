import { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { adjustOrderCommissionsWorkflow } from "../workflows/commission/workflows/adjust-order-commissions"

/** A refund takes back the refunded share of the commission (never twice for a return's own refund). */
export default async function paymentRefundedHandler({ event, container }: SubscriberArgs<{ id: string }>) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: payments } = await query.graph({
    entity: "payment",
    fields: ["id", "refunds.id", "payment_collection.order.id"],
    filters: { id: event.data.id },
  })
  const payment: any = payments[0]
  const orderId = payment?.payment_collection?.order?.id
  if (!orderId) return
  await adjustOrderCommissionsWorkflow(container).run({
    input: { order_id: orderId, key: `refund:${payment.id}:${payment.refunds?.length ?? 0}`, cancel: false },
  })
}

export const config: SubscriberConfig = {
  event: "payment.refunded",
  context: { subscriberId: "mlm-payment-refunded" },
}
