import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { changeSponsorWorkflow } from "../../../../../../workflows/network/workflows/change-sponsor"
import { distributorDetail } from "../../../../../utils/network"
import { AdminChangeSponsorType } from "../../../validators"
import type { JsonOf, SponsorChangeResponse } from "../../../../../../types/admin"

/**
 * Moves the distributor and their whole downline under another sponsor; 400 on a cycle.
 * `moved` is how many distributors changed place: the distributor and their downline.
 */
export async function POST(req: AuthenticatedMedusaRequest<AdminChangeSponsorType>, res: MedusaResponse<JsonOf<SponsorChangeResponse>>) {
  await changeSponsorWorkflow(req.scope).run({
    input: { id: req.params.id, sponsor_id: req.validatedBody.sponsor_id },
  })
  const distributor = await distributorDetail(req.scope, req.params.id)
  res.json({ distributor, moved: distributor.downline_count + 1 })
}
