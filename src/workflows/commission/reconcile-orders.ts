import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { NETWORK_MODULE } from "../../modules/network"
import type NetworkModuleService from "../../modules/network/service"
import { COMMISSION_MODULE } from "../../modules/commission"
import type CommissionModuleService from "../../modules/commission/service"
import { attributeOrderWorkflow } from "../attribution/workflows/attribute-order"
import { settleOrderCommissionsWorkflow } from "./workflows/settle-order-commissions"

export const RECONCILE_CURSOR_SETTING = "reconcile_cursor"
export const RECONCILE_RETRY_SETTING = "reconcile_retry"
/** Orders whose settlement failed are retried by the next runs, up to this many at a time. */
const MAX_RETRIES_KEPT = 1000

export type ReconcileResult = { checked: number; changed: number; failed: { order_id: string; message: string }[] }

type Cursor = { at: string; ids: string[] }

/**
 * Reconciliation works from orders: every order changed since the persisted cursor (`updated_at`),
 * plus the orders an earlier run failed on, is settled on its own. A placed order that still has no
 * attribution after `graceSeconds` (a lost order.placed) is attributed first, from its cart's
 * referral. A failure is logged and counted and does not stop the batch; the order is retried next
 * time. Orders changed within the grace period are left to their events and picked up next time.
 * An order whose latest settlement computed from the order as it is now (same `updated_at`) is
 * counted as checked and passed over: its events were handled, and settling it again would write
 * nothing (before, every new order was settled a second time by the next run). So is a never-settled
 * order that nothing could credit (see ordersWithAttributionLeads below).
 */
export async function reconcileOrders(
  container: MedusaContainer,
  { graceSeconds = 120, batch = 200, onProgress }: { graceSeconds?: number; batch?: number; onProgress?: (done: number) => void } = {}
): Promise<ReconcileResult> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const network = container.resolve<NetworkModuleService>(NETWORK_MODULE)
  const commission = container.resolve<CommissionModuleService>(COMMISSION_MODULE)
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const until = new Date(Date.now() - graceSeconds * 1000)
  const stored = await network.getSetting(RECONCILE_CURSOR_SETTING)
  let cursor: Cursor = stored ? JSON.parse(stored) : { at: new Date(0).toISOString(), ids: [] }
  const retry: string[] = JSON.parse((await network.getSetting(RECONCILE_RETRY_SETTING)) ?? "[]")

  const result: ReconcileResult = { checked: 0, changed: 0, failed: [] }
  const settleOne = async (orderId: string) => {
    result.checked++
    try {
      let changed = false
      if (!(await network.readOrderAttribution(orderId))) {
        const { result: attribution } = await attributeOrderWorkflow(container).run({ input: { order_id: orderId } })
        changed = !!attribution
      }
      const { result: settled } = await settleOrderCommissionsWorkflow(container).run({
        input: { order_id: orderId, trigger: "reconciliation" },
      })
      if (changed || settled.settlement !== null) result.changed++
    } catch (error: any) {
      result.failed.push({ order_id: orderId, message: String(error?.message ?? error) })
      logger.warn(`mlm: reconciliation could not settle order ${orderId}: ${error?.message ?? error}`)
    }
    onProgress?.(result.checked)
  }

  for (const orderId of retry) await settleOne(orderId)

  /**
   * Of never-settled orders, those an attribution or a fact could credit (one link read and one
   * query per batch). The rest (orders bought without a link by customers nobody is bound to, the
   * usual retail order) have nothing to settle: running both workflows on each of them cost about
   * 11 ms of CPU per order, once per order, in every shop.
   */
  const ordersWithAttributionLeads = async (candidates: { id: string; customer_id?: string | null }[]): Promise<Set<string>> => {
    if (!candidates.length) return new Set()
    const { data: links } = await query.graph({ entity: "order_cart", fields: ["order_id", "cart_id"], filters: { order_id: candidates.map((o) => o.id) } })
    const cartOf = new Map((links as { order_id: string; cart_id: string }[]).map((l) => [l.order_id, l.cart_id]))
    return network.listOrdersWithAttributionLeads(
      candidates.map((o) => ({ order_id: o.id, cart_id: cartOf.get(o.id) ?? null, customer_id: o.customer_id ?? null }))
    )
  }

  // Orders at the cursor's own instant that were already settled are skipped by id; when a whole
  // batch is such orders (many orders changed in one millisecond), the next page is read instead.
  let skip = 0
  for (;;) {
    const { data } = await query.graph({
      entity: "order",
      fields: ["id", "updated_at", "customer_id"],
      filters: { updated_at: { $gte: cursor.at, $lte: until.toISOString() } } as any,
      pagination: { order: { updated_at: "ASC", id: "ASC" } as any, take: batch, skip },
    })
    const seen = new Set(cursor.ids)
    const orders = (data as any[]).filter((o) => !(new Date(o.updated_at).toISOString() === cursor.at && seen.has(o.id)))
    if (!orders.length) {
      if (data.length < batch) break
      skip += batch
      continue
    }
    skip = 0
    const settledFrom = await commission.listSettledOrderVersions(orders.map((o) => o.id))
    const withLeads = await ordersWithAttributionLeads(orders.filter((o) => !settledFrom.has(o.id) && !retry.includes(o.id)))
    for (const order of orders) {
      if (retry.includes(order.id)) {
        // settled above
      } else if (settledFrom.has(order.id) ? settledFrom.get(order.id)?.getTime() === new Date(order.updated_at).getTime() : !withLeads.has(order.id)) {
        // settled from the order as it is now, or never settled and nothing to credit it to
        result.checked++
        onProgress?.(result.checked)
      } else await settleOne(order.id)
      const at = new Date(order.updated_at).toISOString()
      cursor = at === cursor.at ? { at, ids: [...cursor.ids, order.id] } : { at, ids: [order.id] }
    }
    await network.setSetting(RECONCILE_CURSOR_SETTING, JSON.stringify(cursor))
    if (data.length < batch) break
  }
  await network.setSetting(
    RECONCILE_RETRY_SETTING,
    JSON.stringify([...new Set(result.failed.map((f) => f.order_id))].slice(0, MAX_RETRIES_KEPT))
  )
  return result
}
