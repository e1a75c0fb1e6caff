import { MedusaContainer } from "@medusajs/framework/types"
import { NETWORK_MODULE } from "../../modules/network"
import type NetworkModuleService from "../../modules/network/service"
import { COMMISSION_MODULE } from "../../modules/commission"
import type CommissionModuleService from "../../modules/commission/service"
import { computeOrderCommissionsWorkflow } from "./workflows/compute-order-commissions"

/**
 * Finds attributed orders without a commission run (older than `graceSeconds`, so in-flight
 * events are left alone) and computes them. Safe to run anywhere, any time: the computation is
 * exactly-once per order. Returns the order ids it computed.
 */
export async function reconcileCommissions(
  container: MedusaContainer,
  { graceSeconds = 120, batch = 500 }: { graceSeconds?: number; batch?: number } = {}
): Promise<string[]> {
  const network = container.resolve<NetworkModuleService>(NETWORK_MODULE)
  const commission = container.resolve<CommissionModuleService>(COMMISSION_MODULE)
  const before = new Date(Date.now() - graceSeconds * 1000)
  const attributions = await network.listOrderAttributions(
    { created_at: { $lte: before } },
    { order: { created_at: "DESC" }, take: batch, select: ["order_id"] }
  )
  if (!attributions.length) return []
  const orderIds = attributions.map((a) => a.order_id)
  const runs = await commission.listCommissionRuns({ order_id: orderIds }, { take: null, select: ["order_id"] })
  const computed = new Set(runs.map((r) => r.order_id))
  const missing = orderIds.filter((id) => !computed.has(id))
  for (const orderId of missing) {
    await computeOrderCommissionsWorkflow(container).run({ input: { order_id: orderId } })
  }
  return missing
}
