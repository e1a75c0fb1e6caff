import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { requireOwnDistributor, resolveNetwork } from "../../../../utils/network"
import { payoutsWithLines } from "../../../../utils/payout"
import type { StorePayoutsQueryType } from "../../validators"
import type { JsonOf } from "../../../../../types/json"
import type { StorePayoutsAnswer } from "../../../../../types/store"

/** The logged-in distributor's payouts, newest first, each with the lines it paid. */
export async function GET(req: AuthenticatedMedusaRequest<unknown, StorePayoutsQueryType>, res: MedusaResponse<JsonOf<StorePayoutsAnswer>>) {
  const distributor = await requireOwnDistributor(resolveNetwork(req.scope), req.auth_context?.actor_id)
  const { limit, offset } = req.validatedQuery as StorePayoutsQueryType
  const { payouts, count } = await payoutsWithLines(req.scope, distributor.id, { limit, offset })
  res.json({ payouts, count, limit, offset })
}
