import { ExecArgs } from "@medusajs/framework/types"
import { seedStore } from "../../demo/seed-store"
import { seedNetwork } from "../../demo/seed-network"
import { DEMO_PLAN } from "../../demo/seed-orders"
import { COMMISSION_MODULE } from "../../src/modules/commission"
import type CommissionModuleService from "../../src/modules/commission/service"
import { createPlanVersionWorkflow } from "../../src/workflows/commission/workflows/create-plan-version"
import { refreshWholesalePriceListWorkflow } from "../../src/workflows/pricing/workflows/refresh-wholesale-price-list"

/**
 * `medusa exec ./integration-tests/scale/seed.ts` for `npm run test:scale`: the demo store and
 * network, the demo plan (paid at once), member prices, and no orders. Writes what the test needs
 * to the file named by MLM_SCALE_OUT.
 */
export default async function seedScale({ container }: ExecArgs) {
  const fs = await import("fs")
  const log = (message: string) => console.log(`[seed] ${message}`)
  const store = await seedStore(container, log)
  const { people } = await seedNetwork(container, { password: "supersecret", log })
  const commission = container.resolve<CommissionModuleService>(COMMISSION_MODULE)
  if (!(await commission.retrieveActivePlan())) {
    await createPlanVersionWorkflow(container).run({ input: { ...DEMO_PLAN, hold_days: 0, created_by: "mlm-scale" } })
  }
  const { result } = await refreshWholesalePriceListWorkflow(container).run({ input: { discount_percent: 20 } })
  log(`member price list: ${result.price_count} prices`)
  fs.writeFileSync(
    process.env.MLM_SCALE_OUT!,
    JSON.stringify({
      publishable_key: store.publishableKey,
      region_id: store.region.id,
      sales_channel_id: store.salesChannel.id,
      shipping_option_id: store.shippingOption.id,
      products: store.products.map((p) => ({ id: p.id, handle: p.handle, variant_id: p.variants[0].id })),
      levels: DEMO_PLAN.levels.length,
      distributors: people.map(({ handle, level }) => ({ handle, level })),
    })
  )
}
