import { ContainerRegistrationKeys, MathBN, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { NETWORK_MODULE } from "../../../modules/network"
import type NetworkModuleService from "../../../modules/network/service"
import type { DistributorDTO, OrderAttributionDTO } from "../../../modules/network/types"
import { COMMISSION_MODULE } from "../../../modules/commission"
import type CommissionModuleService from "../../../modules/commission/service"
import type { CommissionPlanDTO } from "../../../modules/commission/types"
import type { Beneficiary } from "../../../modules/commission/utils/compute-commission-lines"
import { MEMBER_GROUP_SETTING } from "../../network/steps/ensure-member-group"
import { WHOLESALE_SETTINGS } from "../../pricing/steps/load-wholesale-state"

export type CommissionContext = {
  order_id: string
  attribution: Pick<OrderAttributionDTO, "distributor_id" | "source">
  currency_code: string
  basis: string
  /** The order's item total (with tax) at placement: refunds are measured against it. */
  item_total: string
  plan: CommissionPlanDTO | null
  chain: Beneficiary[]
  /** retail - wholesale of the items when level 1 earns retail profit, else null */
  retail_profit: string | null
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
      fields: ["id", "currency_code", "customer_id", ...ORDER_BASIS_FIELDS],
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

    const retailProfit =
      plan?.retail_profit && attribution.source !== "self"
        ? await retailMargin(container, order as any)
        : null

    return new StepResponse<CommissionContext>({
      order_id: order.id,
      attribution: { distributor_id: attribution.distributor_id, source: attribution.source },
      currency_code: order.currency_code,
      basis: orderBasis((order.items ?? []) as any[]),
      item_total: MathBN.convert((order as any).item_total ?? 0).toString(),
      plan,
      chain,
      retail_profit: retailProfit,
    })
  }
)

/**
 * What a retail buyer paid above the member (wholesale) price: sum over items of the paid item
 * subtotal after discounts minus the wholesale unit price x quantity (never below 0 per item).
 * Null when the buyer is a member (they paid wholesale) or no member price list exists.
 */
async function retailMargin(container: any, order: any): Promise<string | null> {
  const network = container.resolve(NETWORK_MODULE) as NetworkModuleService
  const [groupId, priceListId] = await Promise.all([
    network.getSetting(MEMBER_GROUP_SETTING),
    network.getSetting(WHOLESALE_SETTINGS.priceList),
  ])
  if (!groupId || !priceListId) return null
  if (order.customer_id) {
    const customerModule = container.resolve(Modules.CUSTOMER)
    const membership = await customerModule.listCustomerGroupCustomers({ customer_id: order.customer_id, customer_group_id: groupId })
    if (membership.length) return null
  }
  const items: any[] = order.items ?? []
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: variants } = await query.graph({
    entity: "product_variant",
    fields: ["id", "price_set.id"],
    filters: { id: items.map((i) => i.variant_id).filter(Boolean) },
  })
  const priceSetOf = new Map((variants as any[]).map((v) => [v.id, v.price_set?.id]))
  const pricing = container.resolve(Modules.PRICING)
  const prices = await pricing.listPrices({
    price_list_id: [priceListId],
    price_set_id: [...priceSetOf.values()].filter(Boolean),
  } as any)
  let margin = MathBN.convert(0)
  for (const item of items) {
    const wholesale = (prices as any[]).find(
      (p) => p.price_set_id === priceSetOf.get(item.variant_id) && p.currency_code === order.currency_code
    )
    if (!wholesale) continue
    const paid = MathBN.sub(item.subtotal ?? 0, item.discount_subtotal ?? 0)
    const atWholesale = MathBN.mult(wholesale.amount, item.quantity)
    margin = MathBN.add(margin, MathBN.max(0, MathBN.sub(paid, atWholesale)))
  }
  return margin.toString()
}
