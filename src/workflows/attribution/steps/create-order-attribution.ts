import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { NETWORK_MODULE } from "../../../modules/network"
import type NetworkModuleService from "../../../modules/network/service"
import type { NewOrderAttribution } from "../../../modules/network/types"

export type CreateOrderAttributionInput = NewOrderAttribution

export const createOrderAttributionStepId = "create-order-attribution"

/** Exactly once per order (unique index); compensation removes it only if this run created it. */
export const createOrderAttributionStep = createStep(
  createOrderAttributionStepId,
  async (input: CreateOrderAttributionInput, { container }) => {
    const network = container.resolve<NetworkModuleService>(NETWORK_MODULE)
    const result = await network.attributeOrder(input)
    return new StepResponse(result, result.created ? result.attribution.id : null)
  },
  async (createdId, { container }) => {
    if (!createdId) return
    const network = container.resolve<NetworkModuleService>(NETWORK_MODULE)
    await network.deleteOrderAttributions(createdId)
  }
)
