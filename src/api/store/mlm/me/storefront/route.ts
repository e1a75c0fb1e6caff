import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { updateStorefrontWorkflow } from "../../../../../workflows/network/workflows/update-storefront"
import { requireOwnDistributor, resolveNetwork } from "../../../../utils/network"
import { storefrontViewOf } from "../../../../utils/storefront"
import { StoreUpdateStorefrontType } from "../../validators"
import type { JsonOf } from "../../../../../types/json"
import type { OwnStorefrontAnswer } from "../../../../../types/store"

/** The logged-in distributor's own site, with what an admin hid from the public page. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse<JsonOf<OwnStorefrontAnswer>>) {
  const network = resolveNetwork(req.scope)
  const distributor = await requireOwnDistributor(network, req.auth_context?.actor_id)
  res.json({ storefront: (await storefrontViewOf(req.scope, network, distributor)).own })
}

/** Edits the site: bio, photo, contact, featured products (fields left out are kept; null clears). */
export async function POST(req: AuthenticatedMedusaRequest<StoreUpdateStorefrontType>, res: MedusaResponse<JsonOf<OwnStorefrontAnswer>>) {
  const network = resolveNetwork(req.scope)
  const distributor = await requireOwnDistributor(network, req.auth_context?.actor_id)
  if (distributor.status === "terminated") {
    throw new MedusaError(MedusaError.Types.FORBIDDEN, "A terminated distributor has no storefront to edit")
  }
  await updateStorefrontWorkflow(req.scope).run({ input: { distributor_id: distributor.id, ...req.validatedBody } })
  res.json({ storefront: (await storefrontViewOf(req.scope, network, distributor)).own })
}
