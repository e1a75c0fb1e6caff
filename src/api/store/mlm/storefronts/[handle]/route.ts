import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { resolveNetwork } from "../../../../utils/network"
import { storefrontViewOf } from "../../../../utils/storefront"
import type { JsonOf } from "../../../../../types/json"
import type { StorefrontAnswer } from "../../../../../types/store"

/** The public page of a replicated storefront; only active distributors have one. */
export async function GET(req: MedusaRequest, res: MedusaResponse<JsonOf<StorefrontAnswer>>) {
  const network = resolveNetwork(req.scope)
  const distributor = await network.retrieveDistributorByHandle(String(req.params.handle ?? ""))
  if (!distributor || distributor.status !== "active") {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `No storefront has the handle '${req.params.handle}'`)
  }
  res.json({ storefront: (await storefrontViewOf(req.scope, network, distributor)).view })
}
