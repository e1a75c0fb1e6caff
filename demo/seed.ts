import { ExecArgs } from "@medusajs/framework/types"
import { seedStore } from "./seed-store"
import { seedUsMarket } from "./seed-us"
import { seedNetwork } from "./seed-network"
import { seedOrders } from "./seed-orders"
import { NETWORK_MODULE } from "../src/modules/network"
import type NetworkModuleService from "../src/modules/network/service"
import { WHOLESALE_SETTINGS } from "../src/workflows/pricing/steps/load-wholesale-state"
import { refreshWholesalePriceListWorkflow } from "../src/workflows/pricing/workflows/refresh-wholesale-price-list"

/**
 * `medusa exec ./demo/seed.ts`: the demo store and its network. Idempotent.
 * Writes what the demo prints (publishable key, example handles) to .mlm-data/demo.json.
 */
export default async function seedDemo({ container }: ExecArgs) {
  const fs = await import("fs")
  const path = await import("path")
  const log = (message: string) => console.log(`[seed] ${message}`)
  const store = await seedStore(container, log)
  const us = await seedUsMarket(container, store, log)
  const { people, created } = await seedNetwork(container, {
    password: process.env.MLM_DEMO_DISTRIBUTOR_PASSWORD || "supersecret",
    log,
  })
  log(`network: ${created} distributors created, ${people.length - created} already there`)
  const network = container.resolve<NetworkModuleService>(NETWORK_MODULE)
  if ((await network.getSetting(WHOLESALE_SETTINGS.discount)) === null) {
    const { result } = await refreshWholesalePriceListWorkflow(container).run({ input: { discount_percent: 20 } })
    log(`pricing: member price list at 20% off retail (${result.price_count} prices)`)
  }
  await seedOrders(container, store, { log, us })
  const out = path.join(process.cwd(), ".mlm-data", "demo.json")
  fs.mkdirSync(path.dirname(out), { recursive: true })
  fs.writeFileSync(
    out,
    JSON.stringify(
      {
        publishable_key: store.publishableKey,
        region_id: store.region.id,
        distributors: people.map(({ handle, name, email, level, sponsor }) => ({ handle, name, email, level, sponsor })),
      },
      null,
      2
    )
  )
  log(`wrote ${path.relative(process.cwd(), out)}`)
}
