import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { reconcileCommissions } from "../workflows/commission/reconcile-commissions"

/** Every 10 minutes: attributed orders whose commissions were never computed (a lost event) get them. */
export default async function reconcileCommissionsJob(container: MedusaContainer) {
  const computed = await reconcileCommissions(container)
  if (computed.length) {
    container.resolve(ContainerRegistrationKeys.LOGGER).warn(`mlm: computed missing commissions of ${computed.length} orders`)
  }
}

export const config = { name: "mlm-reconcile-commissions", schedule: "*/10 * * * *" }
