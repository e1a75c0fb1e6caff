import { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { settleOrderCommissionsWorkflow } from "../workflows/commission/workflows/settle-order-commissions"
import type { SettlementTrigger } from "../workflows/commission/steps/settle-order-ledger"

/**
 * Anything that changes what an order is worth, or when its lines mature, settles its commissions
 * again: a cancel, a fulfilment (or its cancel), a received return, a confirmed order edit, an
 * exchange or a claim. The settlement reads the order as it is now, so the events may arrive late,
 * twice or in any order.
 */
export default async function orderChangedHandler({
  event,
  container,
}: SubscriberArgs<{ id?: string; order_id?: string }>) {
  const orderId = event.data.order_id ?? event.data.id
  if (!orderId) return
  await settleOrderCommissionsWorkflow(container).run({
    input: { order_id: orderId, trigger: event.name as SettlementTrigger },
  })
}

export const config: SubscriberConfig = {
  event: [
    "order.canceled",
    "order.return_received",
    "order-edit.confirmed",
    "order.exchange_created",
    "order.claim_created",
    // maturity: under mature_from "fulfilled" a line's hold starts when the order is fully fulfilled
    "order.fulfillment_created",
    "order.fulfillment_canceled",
  ],
  context: { subscriberId: "mlm-settle-changed-order" },
}
