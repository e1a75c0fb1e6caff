import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { refreshWholesalePriceListWorkflow } from "../../../../workflows/pricing/workflows/refresh-wholesale-price-list"
import { WHOLESALE_SETTINGS } from "../../../../workflows/pricing/steps/load-wholesale-state"
import { MEMBER_GROUP_SETTING } from "../../../../workflows/network/steps/ensure-member-group"
import { resolveNetwork } from "../../../utils/network"
import type { AdminSetWholesaleType } from "../validators"
import type { JsonOf, Wholesale } from "../../../../types/admin"

async function wholesaleOf(req: AuthenticatedMedusaRequest) {
  const network = resolveNetwork(req.scope)
  const [discount, priceList, count, refreshedAt, group] = await Promise.all(
    [WHOLESALE_SETTINGS.discount, WHOLESALE_SETTINGS.priceList, WHOLESALE_SETTINGS.count, WHOLESALE_SETTINGS.refreshedAt, MEMBER_GROUP_SETTING].map(
      (key) => network.getSetting(key)
    )
  )
  if (discount === null) return null
  return {
    discount_percent: Number(discount),
    price_list_id: priceList,
    member_group_id: group,
    price_count: Number(count ?? 0),
    refreshed_at: refreshedAt,
  }
}

/** The member price list the plugin maintains: discount, how many prices it covers, last refresh. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse<JsonOf<Wholesale>>) {
  res.json({ wholesale: await wholesaleOf(req) })
}

/** Sets the member discount and (re)builds the override price list for every variant price. */
export async function POST(req: AuthenticatedMedusaRequest<AdminSetWholesaleType>, res: MedusaResponse<JsonOf<Wholesale>>) {
  await refreshWholesalePriceListWorkflow(req.scope).run({ input: { discount_percent: req.validatedBody.discount_percent } })
  res.json({ wholesale: await wholesaleOf(req) })
}
