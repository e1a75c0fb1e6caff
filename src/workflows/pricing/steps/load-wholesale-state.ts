import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { NETWORK_MODULE } from "../../../modules/network"
import type NetworkModuleService from "../../../modules/network/service"
import { RetailPrice } from "../../../modules/commission/utils/wholesale"

export const WHOLESALE_SETTINGS = {
  discount: "wholesale_discount_percent",
  priceList: "wholesale_price_list_id",
  refreshedAt: "wholesale_refreshed_at",
  count: "wholesale_price_count",
}

export type WholesaleState = {
  discount_percent: number
  price_list_id: string | null
  /** "sale" shows a member the retail price beside theirs; lists made before 0.2 were "override". */
  price_list_type: string | null
  existing_price_ids: string[]
  retail: RetailPrice[]
}

export const loadWholesaleStateStepId = "load-wholesale-state"

/**
 * What a refresh needs: the discount (given, or the one stored), the plugin's price list if it still
 * exists with its current prices, and every variant's retail price (no rules, no price list).
 */
export const loadWholesaleStateStep = createStep(
  loadWholesaleStateStepId,
  async (input: { discount_percent?: number }, { container }) => {
    const network = container.resolve<NetworkModuleService>(NETWORK_MODULE)
    const stored = await network.getSetting(WHOLESALE_SETTINGS.discount)
    const discount = input.discount_percent ?? (stored !== null ? Number(stored) : null)
    if (discount === null) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "No wholesale discount is configured")
    }
    const pricing = container.resolve(Modules.PRICING)
    let priceListId = await network.getSetting(WHOLESALE_SETTINGS.priceList)
    let existing: string[] = []
    let priceListType: string | null = null
    if (priceListId) {
      const [list] = await pricing.listPriceLists({ id: [priceListId] }, { relations: ["prices"] })
      if (list) {
        existing = (list.prices ?? []).map((p) => p.id)
        priceListType = list.type ?? null
      } else priceListId = null
    }
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data: variants } = await query.graph({
      entity: "product_variant",
      fields: ["id", "prices.id", "prices.amount", "prices.currency_code", "prices.price_list_id", "prices.rules_count", "prices.min_quantity"],
    })
    const retail: RetailPrice[] = []
    for (const variant of variants as any[]) {
      for (const price of variant.prices ?? []) {
        if (price.price_list_id || (price.rules_count ?? 0) > 0 || price.min_quantity) continue
        retail.push({ variant_id: variant.id, currency_code: price.currency_code, amount: price.amount })
      }
    }
    return new StepResponse<WholesaleState>({
      discount_percent: discount,
      price_list_id: priceListId,
      price_list_type: priceListType,
      existing_price_ids: existing,
      retail,
    })
  }
)
