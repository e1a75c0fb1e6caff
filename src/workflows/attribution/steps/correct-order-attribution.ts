import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { NETWORK_MODULE } from "../../../modules/network"
import type NetworkModuleService from "../../../modules/network/service"
import { COMMISSION_MODULE } from "../../../modules/commission"
import type CommissionModuleService from "../../../modules/commission/service"

export type CorrectOrderAttributionInput = {
  order_id: string
  handle: string
  actor_id: string
  reason?: string | null
}

export const validateAttributionCorrectionStepId = "validate-attribution-correction"

/**
 * The order must exist, its commissions must not be paid yet (money paid out is settled: correct it
 * with a clawback, not by moving the order), and the new distributor must be creditable.
 */
export const validateAttributionCorrectionStep = createStep(
  validateAttributionCorrectionStepId,
  async (input: CorrectOrderAttributionInput, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data: orders } = await query.graph({ entity: "order", fields: ["id"], filters: { id: input.order_id } })
    if (!orders.length) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Order ${input.order_id} was not found`)
    const commission = container.resolve<CommissionModuleService>(COMMISSION_MODULE)
    const paid = await commission.listCommissionLines({ order_id: input.order_id, status: "paid" }, { take: 1 })
    if (paid.length) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Commissions of order ${input.order_id} were already paid: its attribution can no longer change`
      )
    }
    const network = container.resolve<NetworkModuleService>(NETWORK_MODULE)
    const distributor = await network.retrieveDistributorByHandle(input.handle)
    if (!distributor) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `No distributor has the handle '${input.handle}'`)
    }
    if (distributor.status === "terminated") {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `Distributor '${input.handle}' is terminated and cannot be credited`)
    }
    return new StepResponse({ distributor_id: distributor.id })
  }
)

export const correctOrderAttributionStepId = "correct-order-attribution"

export const correctOrderAttributionStep = createStep(
  correctOrderAttributionStepId,
  async (
    input: { order_id: string; distributor_id: string; actor_id: string; reason?: string | null },
    { container }
  ) => {
    const network = container.resolve<NetworkModuleService>(NETWORK_MODULE)
    const { attribution, previous } = await network.correctAttribution(input)
    return new StepResponse(attribution, { order_id: input.order_id, previous })
  },
  async (undo, { container }) => {
    if (!undo) return
    const network = container.resolve<NetworkModuleService>(NETWORK_MODULE)
    await network.restoreAttribution(undo.order_id, undo.previous)
  }
)
