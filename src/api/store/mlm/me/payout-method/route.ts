import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { requireOwnDistributor, resolveNetwork } from "../../../../utils/network"
import { resolvePayoutModule } from "../../../../utils/payout"
import { savePayoutMethodWorkflow } from "../../../../../workflows/payout/workflows/save-payout-method"
import type { StorePayoutMethodType } from "../../validators"
import type { JsonOf } from "../../../../../types/json"
import type { PayoutMethodAnswer } from "../../../../../types/store"

/**
 * How the logged-in distributor is paid: their choice or the shop's default, whether it can be used
 * now and, if not, why (their payouts are held until it can), and the providers they may choose.
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse<JsonOf<PayoutMethodAnswer>>) {
  const distributor = await requireOwnDistributor(resolveNetwork(req.scope), req.auth_context?.actor_id)
  res.json({ payout_method: await resolvePayoutModule(req.scope).viewMethod(distributor.id) })
}

/** Chooses a provider among the enabled ones, with what it needs (`{ account_id }` for Stripe Connect). */
export async function POST(req: AuthenticatedMedusaRequest<StorePayoutMethodType>, res: MedusaResponse<JsonOf<PayoutMethodAnswer>>) {
  const distributor = await requireOwnDistributor(resolveNetwork(req.scope), req.auth_context?.actor_id)
  await savePayoutMethodWorkflow(req.scope).run({ input: { distributor_id: distributor.id, ...req.validatedBody } })
  res.json({ payout_method: await resolvePayoutModule(req.scope).viewMethod(distributor.id) })
}
