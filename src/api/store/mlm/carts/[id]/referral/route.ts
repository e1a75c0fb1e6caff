import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { recordCartReferralWorkflow } from "../../../../../../workflows/attribution/workflows/record-cart-referral"
import { resolveNetwork, storeUrlOf } from "../../../../../utils/network"
import type { StoreCartReferralType } from "../../../validators"
import type { CartReferralDTO, DistributorDTO } from "../../../../../../modules/network/types"
import type { JsonOf } from "../../../../../../types/json"
import type { CartReferralAnswer, ReferralAnswer } from "../../../../../../types/store"

/** `display_name`: the referring distributor's, when the caller has it already (else it is read). */
async function serializeReferral(req: MedusaRequest, referral: CartReferralDTO, display_name?: string) {
  const network = resolveNetwork(req.scope)
  return {
    cart_id: referral.cart_id,
    handle: referral.handle,
    display_name: display_name ?? (await network.retrieveDistributor(referral.distributor_id)).display_name,
    store_url: storeUrlOf(network, referral.handle),
    source: referral.source,
    touches: referral.touches.map(({ handle, source, at }) => ({ handle, source, at })),
  }
}

/** Records that the shopper came through a distributor's storefront (anyone holding the cart id). */
export async function POST(req: MedusaRequest<StoreCartReferralType>, res: MedusaResponse<JsonOf<ReferralAnswer>>) {
  const { result } = await recordCartReferralWorkflow(req.scope).run({
    input: { cart_id: req.params.id, handle: req.validatedBody.handle },
  })
  const { display_name, ...referral } = result
  res.json({ referral: await serializeReferral(req, referral, display_name ?? undefined) })
}

/** Lets a storefront show "You are shopping with Jane"; `referral` is null when there is none. */
export async function GET(req: MedusaRequest, res: MedusaResponse<JsonOf<CartReferralAnswer>>) {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data: carts } = await query.graph({ entity: "cart", fields: ["id"], filters: { id: req.params.id } })
  if (!carts.length) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Cart ${req.params.id} was not found`)
  const [referral] = await resolveNetwork(req.scope).listCartReferrals({ cart_id: req.params.id })
  res.json({ referral: referral ? await serializeReferral(req, referral) : null })
}
