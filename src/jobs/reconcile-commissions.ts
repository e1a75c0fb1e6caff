import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { reconcileOrders } from "../workflows/commission/reconcile-orders"

/** Every 10 minutes: orders changed since the last run (and lost events older than 2 minutes) are settled. */
export default async function reconcileCommissionsJob(container: MedusaContainer) {
  const result = await reconcileOrders(container, { graceSeconds: 120 })
  if (result.changed || result.failed.length) {
    container
      .resolve(ContainerRegistrationKeys.LOGGER)
      .warn(`mlm: reconciliation checked ${result.checked} orders, changed ${result.changed}, failed ${result.failed.length}`)
  }
}

export const config = { name: "mlm-reconcile-commissions", schedule: "*/10 * * * *" }
