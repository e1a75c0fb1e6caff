import { ContainerRegistrationKeys, MathBN } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { NETWORK_MODULE } from "../../../modules/network"
import type NetworkModuleService from "../../../modules/network/service"
import { beneficiaryChain } from "../beneficiary-chain"

/** An order item as the `commissionableItems` hook sees it (amounts in major units, tax-exclusive). */
export type CandidateItem = {
  id: string
  product_id: string | null
  variant_id: string | null
  title: string | null
  quantity: number
  /** subtotal after discounts, without tax */
  basis: number
}

/** A distributor who may earn on the order, as the `beneficiaryEligibility` hook sees them. */
export type CandidateBeneficiary = { distributor_id: string; handle: string; customer_id: string; status: string; level: number }

export type SettlementCandidates = { order_id: string; items: CandidateItem[]; beneficiaries: CandidateBeneficiary[] }

export const loadSettlementCandidatesStepId = "load-settlement-candidates"

/**
 * What the plugin's hooks show a host app before a settlement: the order's current items and
 * the credited distributor's chain (level 1 first). Reads only; the settlement re-reads the order
 * under its lock and applies the hooks' answers by item and distributor id.
 */
export const loadSettlementCandidatesStep = createStep(
  loadSettlementCandidatesStepId,
  async (input: { order_id: string }, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const network = container.resolve<NetworkModuleService>(NETWORK_MODULE)
    const { data } = await query.graph({
      entity: "order",
      // items.* with the detail: an item's current quantity and totals are computed from them
      fields: ["id", "items.*", "items.detail.*", "items.tax_lines.*", "items.adjustments.*", "items.subtotal", "items.discount_subtotal"],
      filters: { id: input.order_id },
    })
    const items: CandidateItem[] = ((data[0] as any)?.items ?? [])
      .filter((i: any) => MathBN.gt(i.quantity ?? 0, 0))
      .map((i: any) => ({
        id: i.id,
        product_id: i.product_id ?? null,
        variant_id: i.variant_id ?? null,
        title: i.title ?? null,
        quantity: MathBN.convert(i.quantity).toNumber(),
        basis: MathBN.sub(MathBN.convert(i.subtotal ?? 0), MathBN.convert(i.discount_subtotal ?? 0)).toNumber(),
      }))
    const attribution = await network.readOrderAttribution(input.order_id)
    let beneficiaries: CandidateBeneficiary[] = []
    if (attribution) {
      const chain = await beneficiaryChain(network, attribution)
      const customers = await network.listDistributors({ id: chain.map((d) => d.id) }, { select: ["id", "customer_id"], take: null })
      const customerOf = new Map(customers.map((d) => [d.id, d.customer_id]))
      beneficiaries = chain.map((d, index) => ({
        distributor_id: d.id,
        handle: d.handle,
        customer_id: customerOf.get(d.id) ?? "",
        status: d.status,
        level: index + 1,
      }))
    }
    return new StepResponse<SettlementCandidates>({ order_id: input.order_id, items, beneficiaries })
  }
)
