import { ContainerRegistrationKeys, MathBN } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { NETWORK_MODULE } from "../../../modules/network"
import type NetworkModuleService from "../../../modules/network/service"
import type { DistributorDTO, OrderAttributionDTO } from "../../../modules/network/types"
import { COMMISSION_MODULE } from "../../../modules/commission"
import type CommissionModuleService from "../../../modules/commission/service"
import type { CommissionPlanDTO } from "../../../modules/commission/types"
import type { Beneficiary } from "../../../modules/commission/utils/compute-commission-lines"

export type CommissionContext = {
  order_id: string
  attribution: Pick<OrderAttributionDTO, "distributor_id" | "source">
  currency_code: string
  basis: string
  /** The order's item total (with tax) at placement: refunds are measured against it. */
  item_total: string
  plan: CommissionPlanDTO | null
  chain: Beneficiary[]
} | null

export const loadCommissionContextStepId = "load-commission-context"

/**
 * Order fields that make Medusa compute item totals. Medusa's item totals count the current quantity
 * (ordered minus returned), so the same sum gives the original basis at placement and what is
 * left of it after returns.
 */
export const ORDER_BASIS_FIELDS = [
  "item_subtotal",
  "item_total",
  "items.*",
  "items.tax_lines.*",
  "items.adjustments.*",
  "items.detail.*",
  "items.subtotal",
  "items.discount_subtotal",
]

/** The commissionable basis of an order: item subtotals after discounts, without tax and shipping. */
export function orderBasis(items: { subtotal?: unknown; discount_subtotal?: unknown }[]): string {
  return items
    .reduce((sum, item) => MathBN.add(sum, MathBN.sub(MathBN.convert((item.subtotal as any) ?? 0), MathBN.convert((item.discount_subtotal as any) ?? 0))), MathBN.convert(0))
    .toString()
}

/**
 * Reads what the computation needs: the attribution, the order's basis and currency, the active
 * plan and the beneficiary chain (level 1 first) in one upline query.
 */
export const loadCommissionContextStep = createStep(
  loadCommissionContextStepId,
  async (input: { order_id: string }, { container }) => {
    const network = container.resolve<NetworkModuleService>(NETWORK_MODULE)
    const commission = container.resolve<CommissionModuleService>(COMMISSION_MODULE)
    const query = container.resolve(ContainerRegistrationKeys.QUERY)

    const [attribution] = (await network.listOrderAttributions({ order_id: input.order_id })) as unknown as OrderAttributionDTO[]
    if (!attribution) return new StepResponse<CommissionContext>(null)

    const { data: orders } = await query.graph({
      entity: "order",
      fields: ["id", "currency_code", ...ORDER_BASIS_FIELDS],
      filters: { id: input.order_id },
    })
    const order = orders[0]
    if (!order) return new StepResponse<CommissionContext>(null)

    const plan = await commission.retrieveActivePlan()
    const credited = (await network.retrieveDistributor(attribution.distributor_id)) as unknown as DistributorDTO
    const upline = await network.listUpline(credited.id)
    const asBeneficiary = (d: { id: string; handle: string; status: any }): Beneficiary => ({
      id: d.id,
      handle: d.handle,
      status: d.status,
    })
    // A distributor's own order pays from their sponsor up; any other order from the credited distributor up.
    const chain = attribution.source === "self" ? upline.map(asBeneficiary) : [credited, ...upline].map(asBeneficiary)

    return new StepResponse<CommissionContext>({
      order_id: order.id,
      attribution: { distributor_id: attribution.distributor_id, source: attribution.source },
      currency_code: order.currency_code,
      basis: orderBasis((order.items ?? []) as any[]),
      item_total: MathBN.convert((order as any).item_total ?? 0).toString(),
      plan,
      chain,
    })
  }
)
