import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { approveCommissionsWorkflow } from "../workflows/commission/workflows/approve-commissions"

/** Hourly: pending lines whose hold period is over become approved (payable). */
export default async function approveMaturedCommissionsJob(container: MedusaContainer) {
  const { result } = await approveCommissionsWorkflow(container).run({ input: { before: new Date().toISOString() } })
  if (result.length) {
    container.resolve(ContainerRegistrationKeys.LOGGER).info(`mlm: approved ${result.length} matured commission lines`)
  }
}

export const config = { name: "mlm-approve-matured-commissions", schedule: "17 * * * *" }
