import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { changeSponsorWorkflow } from "../../../../../../workflows/network/workflows/change-sponsor"
import { resolveNetwork } from "../../../../../utils/network"
import { AdminChangeSponsorType } from "../../../validators"
import { detailOf } from "../route"

/** Moves the distributor and their whole downline under another sponsor; 400 on a cycle. */
export async function POST(req: AuthenticatedMedusaRequest<AdminChangeSponsorType>, res: MedusaResponse) {
  const network = resolveNetwork(req.scope)
  await changeSponsorWorkflow(req.scope).run({
    input: { id: req.params.id, sponsor_id: req.validatedBody.sponsor_id },
  })
  res.json({ distributor: await detailOf(network, req.params.id) })
}
