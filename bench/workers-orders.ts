/**
 * Setup of `bench/workers.bench.mjs` (run as `medusa exec`, not measured): places
 * MLM_WORKERS_ORDERS orders through distributors' links with Medusa's checkout workflows, four at a
 * time, on the checkout bench's seed, and writes `[{ order_id, handle }]` to MLM_WORKERS_OUT.
 */
import fs from "node:fs"
import { ExecArgs } from "@medusajs/framework/types"
import { seedStore } from "../demo/seed-store"
import { placeOrderThroughLink } from "../demo/place-order"
import { NETWORK_MODULE } from "../src/modules/network"
import type NetworkModuleService from "../src/modules/network/service"

export default async function placeWorkerBenchOrders({ container }: ExecArgs) {
  const total = Number(process.env.MLM_WORKERS_ORDERS || 150)
  const store = await seedStore(container)
  const network = container.resolve<NetworkModuleService>(NETWORK_MODULE)
  const sellers = (await network.listDistributors({ status: "active" }, { select: ["handle"], take: 1000 })).map((d) => d.handle)
  const placed: { order_id: string; handle: string }[] = []
  let next = 0
  const placeMore = async () => {
    while (next < total) {
      const i = next++
      const handle = sellers[i % sellers.length]
      const orderId = await placeOrderThroughLink(container, store, {
        email: `workers-${i}@example.com`,
        handle,
        items: [{ variant_id: store.products[i % store.products.length].variants[0].id, quantity: 1 + (i % 3) }],
      })
      placed.push({ order_id: orderId, handle })
      if (placed.length % 25 === 0) console.log(`  ${placed.length} / ${total} orders placed`)
    }
  }
  await Promise.all([placeMore(), placeMore(), placeMore(), placeMore()])
  fs.writeFileSync(process.env.MLM_WORKERS_OUT!, JSON.stringify(placed))
}
