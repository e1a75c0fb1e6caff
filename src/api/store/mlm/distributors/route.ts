import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { enrollDistributorWorkflow } from "../../../../workflows/network/workflows/enroll-distributor"
import { answerConflict, resolveNetwork, serializeDistributor, sponsorsById } from "../../../utils/network"
import { StoreEnrollDistributorType } from "../validators"
import type { JsonOf } from "../../../../types/json"
import type { EnrolAnswer } from "../../../../types/store"

/** The logged-in customer enrols as a distributor. */
export async function POST(req: AuthenticatedMedusaRequest<StoreEnrollDistributorType>, res: MedusaResponse<JsonOf<EnrolAnswer>>) {
  const body = req.validatedBody
  let distributor
  try {
    const { result } = await enrollDistributorWorkflow(req.scope).run({
      input: {
        customer_id: req.auth_context.actor_id,
        handle: body.handle,
        display_name: body.display_name,
        sponsor_handle: body.sponsor_handle,
      },
    })
    distributor = result
  } catch (error) {
    return answerConflict(res, error)
  }
  const network = resolveNetwork(req.scope)
  const sponsors = await sponsorsById(network, [distributor])
  res.status(201).json({
    distributor: serializeDistributor(network, distributor, sponsors.get(distributor.sponsor_id ?? "") ?? null),
  })
}
