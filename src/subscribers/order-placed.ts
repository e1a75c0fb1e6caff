import { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import type { MedusaContainer } from "@medusajs/framework/types"
import { GroupCommit } from "../lib/group-commit"
import { NETWORK_MODULE } from "../modules/network"
import type NetworkModuleService from "../modules/network/service"
import { attributeOrderWorkflow } from "../workflows/attribution/workflows/attribute-order"
import { settleOrderCommissionsWorkflow, settlementHooksHandled } from "../workflows/commission/workflows/settle-order-commissions"
import { settlePlacedOrdersWorkflow } from "../workflows/commission/workflows/settle-placed-orders"

/**
 * Credits every placed order to a distributor (or nobody), then settles its commissions. Both are
 * safe to run again: a redelivered event finds the attribution and a settled ledger, and writes
 * only what a crash may have left undone.
 *
 * An order that arrives while none is settling in this process settles at once, on its own. Orders
 * that arrive meanwhile (a worker with event bus concurrency above 1, a burst on the local event
 * bus) wait for it and then settle together in one workflow run, up to the plugin option
 * `placed_order_batch` (20), which shares the reads. A batch that fails leaves nothing, and its
 * orders then settle one by one, each event with its own outcome.
 */
export default async function orderPlacedHandler({ event, container }: SubscriberArgs<{ id: string }>) {
  const batch = container.resolve<NetworkModuleService>(NETWORK_MODULE).getPluginOptions().placed_order_batch
  if (batch === 1 || settlementHooksHandled()) return settlePlacedOrder(container, event.data.id)
  let group = groups.get(container)
  if (!group) {
    group = new GroupCommit<string>(
      async (ids) => void (await settlePlacedOrdersWorkflow(container).run({ input: { order_ids: [...new Set(ids)] } })),
      (id) => settlePlacedOrder(container, id),
      batch
    )
    groups.set(container, group)
  }
  await group.add(event.data.id)
}

const groups = new WeakMap<MedusaContainer, GroupCommit<string>>()

async function settlePlacedOrder(container: MedusaContainer, orderId: string): Promise<void> {
  await attributeOrderWorkflow(container).run({ input: { order_id: orderId } })
  await settleOrderCommissionsWorkflow(container).run({ input: { order_id: orderId, trigger: "order.placed" } })
}

export const config: SubscriberConfig = {
  event: "order.placed",
  context: { subscriberId: "mlm-attribute-order" },
}
