import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { resolveNetwork, storeUrlOf } from "../../../../utils/network"

/** Public profile of a replicated storefront; only active distributors have one. */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const network = resolveNetwork(req.scope)
  const distributor = await network.retrieveDistributorByHandle(String(req.params.handle ?? ""))
  if (!distributor || distributor.status !== "active") {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `No storefront has the handle '${req.params.handle}'`)
  }
  res.json({
    storefront: {
      handle: distributor.handle,
      display_name: distributor.display_name,
      store_url: storeUrlOf(network, distributor.handle),
    },
  })
}
