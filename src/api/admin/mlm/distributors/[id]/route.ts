import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { updateDistributorWorkflow } from "../../../../../workflows/network/workflows/update-distributor"
import { distributorDetail, resolveNetwork } from "../../../../utils/network"
import { AdminUpdateDistributorType } from "../../validators"
import type { DistributorResponse, JsonOf } from "../../../../../types/admin"

/** One distributor with their upline (nearest first), team counts, customer and ledger totals. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse<JsonOf<DistributorResponse>>) {
  res.json({ distributor: await distributorDetail(req.scope, req.params.id) })
}

/** Changes status or display name, or hides site fields; terminating also ends the member pricing. */
export async function POST(req: AuthenticatedMedusaRequest<AdminUpdateDistributorType>, res: MedusaResponse<JsonOf<DistributorResponse>>) {
  await resolveNetwork(req.scope).retrieveDistributor(req.params.id)
  await updateDistributorWorkflow(req.scope).run({ input: { id: req.params.id, ...req.validatedBody } })
  res.json({ distributor: await distributorDetail(req.scope, req.params.id) })
}
